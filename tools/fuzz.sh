#!/usr/bin/env bash
# Fuzzes pa_http_head_scan() for [seconds] (default 60): builds
# tests/fuzz/fuzz-http-head.c with clang's libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs it on a scratch copy of the seed
# corpus in tests/fuzz/corpus/http-head. Exits non-zero on a crash and says
# where the input that caused it is; copy that file into the seed corpus so
# test-http-head replays it from then on.
#
#   CLANG=clang-14 tools/fuzz.sh 300
#   PA_FUZZ_DIR=/tmp/keep tools/fuzz.sh 60   # keep the work dir afterwards
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PA_BUILD_DIR:-$top/build}"
seconds="${1:-60}"
clang="${CLANG:-clang}"

case "$seconds" in
  ''|*[!0-9]*) echo "usage: $0 [seconds]" >&2; exit 2 ;;
esac

if [ -n "${PA_FUZZ_DIR:-}" ]; then
  work="$PA_FUZZ_DIR"
  keep=1
  mkdir -p "$work"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/pa-fuzz-http-head.XXXXXX")"
  keep=0
fi

# pa-http-head.c includes config.h first, as every file does; it needs
# nothing from it, so without a configured build dir an empty one will do.
if [ -f "$build/config.h" ]; then
  config_dir="$build"
else
  config_dir="$work/config"
  mkdir -p "$config_dir"
  echo '/* config.h stub for tools/fuzz.sh */' > "$config_dir/config.h"
fi

echo "Building the fuzzer in $work"
# shellcheck disable=SC2046  # pkg-config output is meant to split
if ! "$clang" -std=gnu17 -g -O1 \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror \
  -I"$config_dir" -I"$top/src/server" -I"$top/tests/fuzz" \
  $(pkg-config --cflags glib-2.0) \
  "$top/tests/fuzz/fuzz-http-head.c" \
  "$top/tests/fuzz/pa-http-head-invariants.c" \
  "$top/src/server/pa-http-head.c" \
  $(pkg-config --libs glib-2.0) \
  -o "$work/fuzz-http-head"; then
  [ "$keep" -eq 1 ] || rm -rf "$work"
  echo "fuzz-http-head did not build (is $clang clang with libFuzzer?)" >&2
  exit 1
fi

# libFuzzer adds what it finds to the corpus directory it is given; the
# seeds in the tree stay as they are.
mkdir -p "$work/corpus" "$work/artifacts"
cp "$top"/tests/fuzz/corpus/http-head/* "$work/corpus/"

echo "Fuzzing for ${seconds}s; log in $work/fuzz.log"
status=0
ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:${ASAN_OPTIONS:-}" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}" \
  "$work/fuzz-http-head" \
    -max_len=20000 \
    -max_total_time="$seconds" \
    -timeout=10 \
    -dict="$top/tests/fuzz/http-head.dict" \
    -artifact_prefix="$work/artifacts/" \
    -print_final_stats=1 \
    "$work/corpus" 2>&1 | tee "$work/fuzz.log" \
  | grep --line-buffered -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE)' \
  || status=${PIPESTATUS[0]}

crashes=$(find "$work/artifacts" -type f | sort)
if [ "$status" -ne 0 ] || [ -n "$crashes" ]; then
  echo >&2
  echo "fuzz-http-head FAILED (exit status $status)." >&2
  if [ -n "$crashes" ]; then
    echo "Inputs that broke it:" >&2
    for f in $crashes; do
      echo "  $f" >&2
    done
    echo "Reproduce: $work/fuzz-http-head <file>; then copy the file into" >&2
    echo "tests/fuzz/corpus/http-head/ so test-http-head replays it." >&2
  fi
  echo "Work dir kept: $work" >&2
  exit 1
fi

echo "No crash in ${seconds}s; corpus grew to $(find "$work/corpus" -type f | wc -l) files."
if [ "$keep" -eq 0 ]; then
  rm -rf "$work"
fi
