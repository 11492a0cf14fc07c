#!/usr/bin/env bash
# Quick start, command 2: installs what is missing, builds with the ci preset (warnings are errors),
# starts a throwaway PostgreSQL server and runs every test (unit, database on both backends, GUI
# offscreen) with ctest. Prints ctest's summary and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh ci

export QT_QPA_PLATFORM=offscreen
export DOCKSIDE_REQUIRE_PG=1
scripts/with-postgres.sh ctest --preset ci --output-on-failure "$@"
