#!/usr/bin/env bash
# Builds and starts the PhoneAdmin desktop app from the source tree.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PA_BUILD_DIR:-$top/build}"

bash "$top/tools/deps.sh" --run-only

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top"
fi
# Only what running needs: the app, the bundled provd, the schema and the
# translations.
ninja -C "$build" src/app/phoneadmin src/server/phoneadmin-provd data/gschemas.compiled \
  phoneadmin-gmo

# Run uninstalled: the schema, the bundled provd and the message catalogs
# come from the build tree (with any locale but C, LANGUAGE=de tools/run-app.sh
# shows it in German).
export GSETTINGS_SCHEMA_DIR="$build/data"
export PA_PROVD="$build/src/server/phoneadmin-provd"
export PA_LOCALEDIR="$build/po"
exec "$build/src/app/phoneadmin" "$@"
