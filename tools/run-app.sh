#!/usr/bin/env bash
# Builds and starts the PhoneAdmin desktop app from the source tree.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PA_BUILD_DIR:-$top/build}"

bash "$top/tools/deps.sh" --run-only

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top"
fi
ninja -C "$build"

# Run uninstalled: the schema and the bundled provd come from the build tree.
export GSETTINGS_SCHEMA_DIR="$build/data"
export PA_PROVD="$build/src/server/phoneadmin-provd"
exec "$build/src/app/phoneadmin" "$@"
