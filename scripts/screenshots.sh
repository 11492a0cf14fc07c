#!/usr/bin/env bash
# Renders every screen of the station into docs/screenshots/ (offscreen; no display needed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh dev >/dev/null
QT_QPA_PLATFORM=offscreen build/dev/tools/screenshots/dockside-screenshots docs/screenshots
