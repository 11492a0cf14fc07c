#!/usr/bin/env python3
"""Writes the receive screen's feedback sounds into resources/sounds/ (small 16-bit mono WAV files).

Each cue has its own shape so dock staff can tell them apart without looking:
  good.wav     two rising notes, short and bright        (a scan that matched)
  unknown.wav  a low buzz                                (a scan that matched nothing)
  wrong.wav    two short low beeps                       (an item that is not on this return)
  flagged.wav  three falling notes                       (the return will be flagged)
  problem.wav  one long low tone                         (an error: claim held elsewhere, database refused)
Run it again after changing a shape: python3 scripts/make-sounds.py
"""
import math
import os
import struct
import wave

RATE = 22050
VOLUME = 0.45


def tone(freq, ms, shape="sine"):
    count = int(RATE * ms / 1000)
    fade = max(1, int(RATE * 0.008))  # 8 ms in and out, so no clicks
    samples = []
    for i in range(count):
        t = i / RATE
        if shape == "square":
            value = 1.0 if math.sin(2 * math.pi * freq * t) >= 0 else -1.0
            value *= 0.5
        else:
            value = math.sin(2 * math.pi * freq * t)
        envelope = min(1.0, i / fade, (count - 1 - i) / fade)
        samples.append(value * envelope)
    return samples


def silence(ms):
    return [0.0] * int(RATE * ms / 1000)


CUES = {
    "good": tone(880, 90) + tone(1320, 140),
    "unknown": tone(180, 420, "square"),
    "wrong": tone(330, 110, "square") + silence(70) + tone(330, 110, "square"),
    "flagged": tone(988, 120) + tone(784, 120) + tone(587, 220),
    "problem": tone(220, 600),
}


def main():
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "sounds")
    os.makedirs(folder, exist_ok=True)
    for name, samples in CUES.items():
        path = os.path.join(folder, name + ".wav")
        with wave.open(path, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(b"".join(struct.pack("<h", int(s * VOLUME * 32767)) for s in samples))
        print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
