#!/usr/bin/env bash
# Installs every Debian 12 package Dockside needs to build, run and test. Idempotent: packages that
# are already installed are skipped, and nothing is asked. Run as root (or with sudo).
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build git clang-format
    # Qt 6.4 (Debian 12): core, SQL drivers, HTTP server (needs websockets), Linguist, tests
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
    # SQLite's C API for bulk writes (the library the Qt SQLite driver loads)
    libsqlite3-dev
    qt6-httpserver-dev qt6-websockets-dev
    # the OS keychain for API keys and webhook secrets (brings the runtime library libqt6keychain1)
    qtkeychain-qt6-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6svg6 qt6-qpa-plugins libxkbcommon-dev libgl-dev
    # serial barcode scanners and the receive screen's sounds (GStreamer backs Qt Multimedia on Debian)
    qt6-serialport-dev qt6-multimedia-dev gstreamer1.0-plugins-base
    # the throwaway test database server and the GUI test/screenshot display
    postgresql postgresql-client
    xvfb xauth
    # lets the tests drop root to check read-only files
    util-linux
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#packages[@]} packages are installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "setup: these packages are missing and installing them needs root: ${missing[*]}" >&2
        echo "setup: run this script as root, or install them with apt-get." >&2
        exit 1
    fi
else
    SUDO=
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
echo "setup: done"
