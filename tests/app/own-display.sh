#!/bin/bash
# own-display.sh TEST [ARGS...]: runs TEST on an X server of its own.
#
# The tests that drive the pointer and the keyboard (xdotool) or read the
# app as a screen reader does ran alone on the one Xvfb tools/run-tests.sh
# gives: their keys would land in whichever other test's window had the
# focus. Each on its own Xvfb, they run beside the others.
set -u
command -v Xvfb >/dev/null || { echo "1..0 # SKIP needs Xvfb"; exit 0; }

tmp="$(mktemp -d)"
# -displayfd: Xvfb picks a free display and writes its number once it
# accepts connections, so two of these starting at once never collide.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$tmp/display" \
  2>"$tmp/xvfb.log" &
xvfb=$!
for _ in $(seq 200); do
  [ -s "$tmp/display" ] && break
  kill -0 "$xvfb" 2>/dev/null || break
  sleep 0.05
done
if [ ! -s "$tmp/display" ]; then
  echo "Bail out! Xvfb did not start: $(tail -n 3 "$tmp/xvfb.log")"
  kill "$xvfb" 2>/dev/null
  rm -rf "$tmp"
  exit 1
fi
export DISPLAY=":$(head -n 1 "$tmp/display")"

"$@"
status=$?

kill "$xvfb" 2>/dev/null
wait "$xvfb" 2>/dev/null
rm -rf "$tmp"
exit $status
