#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds, and starts the Dockside demo (dockside --demo): a
# throwaway SQLite database and the Loop simulator as a child process with seeded returns and a demo merchant,
# all removed again when Dockside quits. With arguments, starts Dockside with those instead, e.g. --db URL for a
# real station.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh dev dockside dockside-cli loop-sim

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
    args=(--demo)
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run: no display (DISPLAY and WAYLAND_DISPLAY are unset); starting Dockside under Xvfb." >&2
    echo "run: the window is invisible there. Run this from a desktop session to see it." >&2
    exec xvfb-run -a -s "-screen 0 1280x800x24" build/dev/app/dockside "${args[@]}"
fi
exec build/dev/app/dockside "${args[@]}"
