#!/usr/bin/env bash
# The desktop app against a large fleet (issue 11's app targets): N phones
# created through provd's API (bench/fleet.py), then the real app started
# against that provd under Xvfb (1280x800), on a private D-Bus with its own
# keyring, as tools/run-tests.sh runs the app's tests. bench/app-fleet.py
# drives it and reads the events the app writes when PA_BENCH_TRACE names a
# file (src/app/pa-bench-trace.c). Printed, each with its target:
#   - app start → the phones page's model holds all N and a frame is drawn,
#     and the part after the last listing page arrived   (< 1.5 s)
#   - main-loop stalls while loading                      (none over 50 ms)
#   - the app's VmRSS once loaded (< 300 MB), and provd's
#   - CPU of both over 10 s with nothing changing         (~0 %: under 1 %)
#   - one search keystroke: the filter applying (after the entry's search
#     delay) → the filtered list drawn                    (< 100 ms)
#   - M phones renamed through the API, the app following the change
#     stream: stalls (none over 50 ms), and the time from the last rename's
#     answer to the frame that shows it
# Exit 3 when a target is not met, 1 when the run failed.
#
#   bench/app-fleet.sh                         100,000 phones, 2,000 renames
#   PA_APP_PHONES=10000 bench/app-fleet.sh
#   PA_APP_CHANGES=500 bench/app-fleet.sh
#   GSK_RENDERER=gl bench/app-fleet.sh        GTK's GL renderer whatever the OpenGL
#                                       (unset, the app draws with cairo where
#                                       OpenGL is Mesa's llvmpipe: src/app/pa-renderer.c)
#   PA_APP_PERF=/tmp/perf bench/app-fleet.sh   also perf record -g the app in each
#                                       phase: /tmp/perf/{load,idle,search,burst}.data
#                                       (PA_APP_PERF_FREQ=Hz, default 999;
#                                       PA_APP_PERF_CALLGRAPH=dwarf for stacks
#                                       through GLib and GTK, built without
#                                       frame pointers)
#   PA_APP_TRACE=/tmp/trace bench/app-fleet.sh      keep the app's events
#                                       ("long-frame": a frame of 30 ms or more,
#                                       with its layout, paint and the wait after)
#   PA_APP_FLEET_CACHE=/var/tmp/fleets bench/app-fleet.sh   keep the created fleet
#                                       (provd's data folder) there and start
#                                       from it next time: 100,000 phones take
#                                       about 3 minutes to create
#   PA_APP_SCREENSHOTS=/tmp/shots bench/app-fleet.sh  the screen while loading, once loaded,
#                                       searched and changed (a folder that exists; the
#                                       shot while loading holds the X server for a moment,
#                                       so judge the stalls of a run without it)
#
# The app finds the server the way it does after a connect: the GSettings
# key server-url (a keyfile backend in a throw-away XDG_CONFIG_HOME) and the
# token in the keyring under that URL (secret-tool, the app's schema).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

phones="${PA_APP_PHONES:-100000}"
changes="${PA_APP_CHANGES:-2000}"
perf_out="${PA_APP_PERF:-}"
[[ "$phones" =~ ^[1-9][0-9]*$ ]] || die "PA_APP_PHONES must be a positive number, not '$phones'"
[[ "$changes" =~ ^[1-9][0-9]*$ ]] || die "PA_APP_CHANGES must be a positive number, not '$changes'"
[ "$changes" -le "$phones" ] || die "PA_APP_CHANGES ($changes) is more than the phones ($phones)"

install_missing curl python3 xvfb xauth dbus gnome-keyring libsecret-tools xdotool
[ -z "$perf_out" ] || { install_missing linux-perf; mkdir -p "$perf_out"; }

# The release build of lib.sh, the app and its schema too.
build_provd
out="$(ninja -C "$build" src/app/phoneadmin data/gschemas.compiled 2>&1)" \
  || { grep -v '^\[[0-9]*/[0-9]*\] ' <<<"$out" | tail -n 30 >&2; die "building the app in $build failed"; }

make_work_dir
start_provd_with_fleet "$phones"

# Throw-away XDG dirs and the app's settings: the server's URL (as the app
# normalizes it) and a window that fills the 1280x800 screen.
scratch="$work/session"
mkdir -p "$scratch/config/glib-2.0/settings" "$scratch/data" "$scratch/cache" "$scratch/home"
mkdir -m 700 "$scratch/runtime"
cat >"$scratch/config/glib-2.0/settings/keyfile" <<EOF
[org/example/PhoneAdmin]
server-url='$base/'
window-width=1280
window-height=800
EOF

rc=0
env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
  XDG_RUNTIME_DIR="$scratch/runtime" XDG_CONFIG_HOME="$scratch/config" \
  XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache" HOME="$scratch/home" \
  GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data" GTK_A11Y=none NO_AT_BRIDGE=1 \
  PA_LOCALEDIR="$build/po" \
  dbus-run-session -- bash -c '
    set -e
    echo -n phoneadmin-bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    tr -d "\n" <"$2" | secret-tool store --label="PhoneAdmin bench token" \
      xdg:schema org.example.PhoneAdmin.Server server-url "$1/"
    xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
      python3 -u "$3/bench/app-fleet.py" --app "$4/src/app/phoneadmin" --url "$1" \
        --token-file "$2" --phones "$5" --changes "$6" --work "$7" --provd-pid "$8" \
        --perf "$9"
  ' app-fleet "$base" "$work/data/admin-token" "$top" "$build" "$phones" "$changes" \
    "$work" "$provd_pid" "$perf_out" 2>&1 \
  | grep --line-buffered -v -e "Failed to set fd limit" -e "^dbus-daemon\[[0-9]*\]: \[session" \
  | sed -u "s/^discover_other_daemon: [01]//" || rc=${PIPESTATUS[0]}

provd_alive || flag "provd is no longer running"
case "$rc" in
  0) ;;
  3) exit 3 ;;   # measured, a target not met: listed above
  *) echo "--- the app's log:" >&2; tail -n 20 "$work/app.log" >&2 || true
     die "the app run failed (status $rc)" ;;
esac
exit_if_flagged
