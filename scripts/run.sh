#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds, and starts Dockside on its embedded
# default (an SQLite file in the app data folder). Extra arguments go to dockside, e.g. --db URL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh dev dockside dockside-cli loop-sim

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run: no display (DISPLAY and WAYLAND_DISPLAY are unset); starting Dockside under Xvfb." >&2
    echo "run: the window is invisible there. Run this from a desktop session to see it." >&2
    exec xvfb-run -a -s "-screen 0 1280x800x24" build/dev/app/dockside "$@"
fi
exec build/dev/app/dockside "$@"
