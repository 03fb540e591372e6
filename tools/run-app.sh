#!/usr/bin/env bash
# Builds and starts the PhoneAdmin desktop app from the source tree.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PA_BUILD_DIR:-$top/build}"

bash "$top/tools/deps.sh" --run-only

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top"
fi
# Only what running needs: the app, the bundled provd and the schema.
ninja -C "$build" src/app/phoneadmin src/server/phoneadmin-provd data/gschemas.compiled

# Run uninstalled: the schema and the bundled provd come from the build tree.
export GSETTINGS_SCHEMA_DIR="$build/data"
export PA_PROVD="$build/src/server/phoneadmin-provd"
exec "$build/src/app/phoneadmin" "$@"
