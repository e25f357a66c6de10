#!/usr/bin/env bash
# Build the one-folder desktop package (dist/cavalier/) and run its headless self-test.
#   scripts/build_package.sh            install the build extra, build, self-test
#   SKIP_INSTALL=1 scripts/build_package.sh   same, without pip install
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [[ "${SKIP_INSTALL:-0}" != 1 ]]; then
    "$PYTHON" -m pip install -e ".[build]"
fi

start=$(date +%s)
"$PYTHON" -m PyInstaller build.spec --noconfirm --clean --log-level WARN
echo "Construction : $(( $(date +%s) - start )) s, taille : $(du -sh dist/cavalier | cut -f1)"

app=dist/cavalier/cavalier
if [[ ! -x "$app" ]]; then
    echo "Échec : $app absent" >&2
    exit 1
fi
if ! find dist/cavalier -name 'QtWebEngineProcess*' -type f | grep -q .; then
    echo "Échec : QtWebEngineProcess absent du paquet" >&2
    exit 1
fi

# The frozen app runs without the source tree: start it from an empty directory.
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
export QT_QPA_PLATFORM=offscreen
export QTWEBENGINE_CHROMIUM_FLAGS="--no-sandbox --disable-gpu"
app_abs="$(pwd)/$app"
(cd "$workdir" && "$app_abs" route --from T074 --to 9-9bis >"$workdir/route.txt")
echo "Commande route du paquet : OK ($(head -2 "$workdir/route.txt" | tail -1))"
if [[ "${SELFTEST:-1}" == 1 ]]; then
    (cd "$workdir" && timeout 300 "$app_abs" --self-test)
    echo "Auto-test du paquet : OK"
fi
