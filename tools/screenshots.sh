#!/usr/bin/env bash
# Regenerates screenshots/*.png from the real app under Xvfb.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PA_BUILD_DIR:-$top/build}"

bash "$top/tools/deps.sh"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top"
fi
ninja -C "$build"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" GTK_A11Y=none
# pa-screenshot starts this provd on loopback and fills it with a sample office.
export PA_PROVD="$build/src/server/phoneadmin-provd"
unset DISPLAY WAYLAND_DISPLAY

mkdir -p "$top/screenshots"
for shot in phones phones-empty agents main-window phone-editor phone-editor-attention credentials scan-mode \
    scan-mode-created scan-credentials connect-dialog layouts designer designer-narrow profiles \
    profile-editor firmware firmware-upload settings discovered; do
  rm -f "$top/screenshots/$shot.png"
done
xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
  "$build/tests/app/pa-screenshot" "$top/screenshots"
