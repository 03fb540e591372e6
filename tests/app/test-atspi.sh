#!/bin/bash
# test-atspi.sh — starts the real phoneadmin in local mode, with the
# accessibility bus on (which the other app tests turn off), and lets
# test-atspi.py read it as a screen reader does. Needs the D-Bus session
# and X display tools/run-tests.sh gives, python3-pyatspi and xdotool.
set -u
here="$(cd "$(dirname "$0")" && pwd)"
app="$1"

if ! /usr/bin/python3 -c 'import pyatspi' 2>/dev/null || ! command -v xdotool >/dev/null ||
   [ -z "${DISPLAY:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "1..0 # SKIP needs python3-pyatspi, xdotool, an X display and a D-Bus session"
  exit 0
fi

tmp="$(mktemp -d)"
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
unset GTK_A11Y NO_AT_BRIDGE
"$app" >"$tmp/app.log" 2>&1 &
pid=$!
/usr/bin/python3 "$here/test-atspi.py"
status=$?
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
# The local provd this app started (it asks before keeping one running).
pkill -f -- "--data-dir $XDG_DATA_HOME/phoneadmin/provd" 2>/dev/null
if [ $status -ne 0 ]; then
  sed 's/^/# app: /' "$tmp/app.log" | tail -30
fi
rm -rf "$tmp"
exit $status
