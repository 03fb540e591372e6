#!/usr/bin/env bash
# Builds PhoneAdmin and runs every test against real parts: a real provd on
# loopback, a real keyring (gnome-keyring on a private D-Bus) and a real X
# server (Xvfb). Prints "N passed, N failed, N skipped" and exits with
# meson's status.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PA_BUILD_DIR:-$top/build}"

# --sanitized: the same tests on a build with AddressSanitizer and
# UndefinedBehaviorSanitizer (build-asan/), provd included. Any memory error
# or undefined behaviour fails the test that hit it. Leaks fail the core
# and server suites; in the app's, GTK and its libraries keep allocations
# until exit that LeakSanitizer would report, so leaks are not checked there.
sanitized=0
if [ "${1:-}" = "--sanitized" ]; then
  sanitized=1
  shift
  build="${PA_BUILD_DIR:-$top/build-asan}"
fi

bash "$top/tools/deps.sh"

if [ ! -f "$build/build.ninja" ]; then
  if [ "$sanitized" -eq 1 ]; then
    meson setup "$build" "$top" --werror -Db_sanitize=address,undefined -Db_lundef=false
  else
    meson setup "$build" "$top" --werror
  fi
fi
ninja -C "$build"
if [ "$sanitized" -eq 1 ]; then
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  if [ "$#" -eq 0 ]; then
    # intercept_tls_get_addr=0: the sanitizer's guess at a thread's dynamic
    # TLS is wrong with Debian 12's glibc (google/sanitizers#1322), and its
    # leak check then crashed at exit ("Tracer caught signal 11") in one
    # run in eight once gnutls had run on a GTask thread (/tls/https under
    # a parallel run). Those blocks are malloc'd and still scanned through
    # the thread's DTV, so leaks are found all the same.
    ASAN_OPTIONS="detect_leaks=1:intercept_tls_get_addr=0" PA_BUILD_DIR="$build" \
      bash "$0" --suite core --suite server \
      || exit $?
    # The app's tests drive real windows: under the sanitizers they take
    # two to three times as long (keyboard: 16 s → over its 30 s). The
    # screen reader's walk of the real binary is left to the plain run:
    # a minute alone, through code the in-process tests reach.
    ASAN_OPTIONS="detect_leaks=0" PA_BUILD_DIR="$build" exec bash "$0" --suite app \
      --no-suite screen-reader --timeout-multiplier 3
  fi
fi

# Throw-away XDG dirs so no test sees or touches the user's data or keyring.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime"
export XDG_DATA_HOME="$scratch/data"
export XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache"
export HOME="$scratch/home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$HOME"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
export GSETTINGS_BACKEND=memory
export GTK_A11Y=none

status=0
# dbus-run-session outermost, the keyring unlocked inside it, Xvfb inside that
# (see TESTING.md: any other order hangs on an invisible prompt).
dbus-run-session -- bash -c '
  echo -n phoneadmin-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" \
    meson test -C "$0" --print-errorlogs --num-processes 2 "${@:1}"
' "$build" "$@" || status=$?

python3 - "$build/meson-logs/testlog.json" <<'PY' || true
import json, sys
counts = {"OK": 0, "FAIL": 0, "SKIP": 0, "EXPECTEDFAIL": 0, "UNEXPECTEDPASS": 0, "TIMEOUT": 0, "ERROR": 0}
with open(sys.argv[1]) as f:
    for line in f:
        line = line.strip()
        if line:
            test = json.loads(line)
            r = test.get("result", "ERROR")
            counts[r] = counts.get(r, 0) + 1
            # meson shows a failed TAP test's stderr only; what it said on
            # stdout (g_test_message: the problems it found) is printed
            # here, so a CI log alone tells why.
            if r in ("FAIL", "ERROR", "TIMEOUT"):
                said = [l for l in test.get("stdout", "").splitlines()
                        if l.startswith("# ") or l.startswith("not ok")]
                if said:
                    print(f"--- {test.get('name')}: what it said ---")
                    print("\n".join(said[-60:]))
passed = counts["OK"] + counts["EXPECTEDFAIL"]
failed = counts["FAIL"] + counts["TIMEOUT"] + counts["ERROR"] + counts["UNEXPECTEDPASS"]
print(f"{passed} passed, {failed} failed, {counts['SKIP']} skipped")
PY

exit $status
