#!/usr/bin/env bash
# System libraries Cavalier needs on a fresh Debian/Ubuntu (the Python packages come from pip).
#   scripts/install_system_packages.sh           run the desktop app: Qt's xcb platform + QtWebEngine
#   scripts/install_system_packages.sh --tests   also what the tests use: LibreOffice (recalculates
#                                                exported budgets), poppler (reads PDFs back), Xvfb
# Uses sudo when not run as root. Does nothing on a system without apt-get (say so and go on).
set -euo pipefail

runtime=(
    # Qt 6 xcb platform plugin (libqxcb.so) and its dlopened xcb-cursor
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
    libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1 libxcb-sync1
    libxkbcommon0 libxkbcommon-x11-0
    # Qt GUI and QtWebEngine (Chromium) runtime
    libgl1 libegl1 libfontconfig1 libdbus-1-3 libnss3 libxcomposite1 libxdamage1 libxrandr2
    libxtst6 libxi6 libasound2 libxshmfence1 libgbm1 libdrm2 libxkbfile1 fonts-dejavu-core
)
tests=(libreoffice-calc poppler-utils xvfb xauth)

packages=("${runtime[@]}")
if [[ "${1:-}" == "--tests" ]]; then
    packages+=("${tests[@]}")
fi

if ! command -v apt-get >/dev/null; then
    echo "apt-get absent : installez à la main l'équivalent de : ${packages[*]}" >&2
    exit 0
fi
sudo=()
if [[ "$(id -u)" != 0 ]]; then
    sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
# Debian 13 / Ubuntu 24.04 renamed some libraries for 64-bit time (libasound2 → libasound2t64).
for i in "${!packages[@]}"; do
    if apt-cache show "${packages[$i]}t64" >/dev/null 2>&1; then
        packages[$i]="${packages[$i]}t64"
    fi
done
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${packages[@]}"
