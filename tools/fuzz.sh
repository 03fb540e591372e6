#!/usr/bin/env bash
# Fuzzes one parser that takes input from strangers for [seconds] (default
# 60): builds its libFuzzer target in tests/fuzz/ with clang's libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer, and runs it on a scratch
# copy of its seed corpus in tests/fuzz/corpus/<target>. Exits non-zero on a
# crash and says where the input that caused it is; copy that file into the
# seed corpus so the unit test replays it from then on.
#
# Targets:
#   http-head   pa_http_head_scan()    tests/fuzz/fuzz-http-head.c
#               (replayed by test-http-head, suite server)
#   user-agent  pa_user_agent_parse()  tests/fuzz/fuzz-user-agent.c
#               (replayed by test-user-agent-corpus, suite core)
#   json-body   pa_json_check()        tests/fuzz/fuzz-json-body.c
#               (replayed by test-json-check, suite core)
#   mac         pa_mac_normalize()     tests/fuzz/fuzz-mac.c
#               (replayed by test-mac-corpus, suite core)
#   config      provd's key file       tests/fuzz/fuzz-config.c
#               (pa_server_config_load_data(), replayed by test-config-corpus,
#               suite server)
#   csv         pa_csv_import_parse()  tests/fuzz/fuzz-csv.c
#               and pa_csv_append_row() (replayed by test-csv, suite core;
#               links the system's libcsv, as the core does)
#
#   tools/fuzz.sh                       # http-head, 60 s (as before there were targets)
#   tools/fuzz.sh 300                   # http-head, 300 s
#   tools/fuzz.sh user-agent 300
#   tools/fuzz.sh csv 60
#   CLANG=clang-14 tools/fuzz.sh http-head 300
#   PA_FUZZ_DIR=/tmp/keep tools/fuzz.sh user-agent 60   # keep the work dir
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${PA_BUILD_DIR:-$top/build}"
clang="${CLANG:-clang}"

usage() {
  echo "usage: $0 [http-head|user-agent|json-body|mac|config|csv] [seconds]" >&2
  exit 2
}

# A number first (or nothing) is the old call: the head scanner.
case "${1:-}" in
  http-head|user-agent|json-body|mac|config|csv) target="$1"; seconds="${2:-60}" ;;
  ''|*[!0-9]*)
    [ -z "${1:-}" ] || usage
    target=http-head; seconds=60 ;;
  *) target=http-head; seconds="$1"; [ -z "${2:-}" ] || usage ;;
esac

case "$seconds" in
  ''|*[!0-9]*) usage ;;
esac

if [ -n "${PA_FUZZ_DIR:-}" ]; then
  work="$PA_FUZZ_DIR"
  keep=1
  mkdir -p "$work"
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/pa-fuzz-$target.XXXXXX")"
  keep=0
fi

# Every source includes config.h first. The head scanner needs nothing from
# it; the core (pa-mac.c's messages) needs GETTEXT_PACKAGE. Without a
# configured build dir a stub with that will do.
if [ -f "$build/config.h" ]; then
  config_dir="$build"
else
  config_dir="$work/config"
  mkdir -p "$config_dir"
  {
    echo '/* config.h stub for tools/fuzz.sh */'
    echo '#define GETTEXT_PACKAGE "phoneadmin"'
  } > "$config_dir/config.h"
fi

# What each target compiles besides tests/fuzz/fuzz-$target.c, and links
# besides its pkg-config packages.
libs=()
case "$target" in
  http-head)
    includes=(-I"$top/src/server")
    sources=(
      "$top/tests/fuzz/pa-http-head-invariants.c"
      "$top/src/server/pa-http-head.c"
    )
    pkgs=(glib-2.0)
    max_len=20000
    dict=(-dict="$top/tests/fuzz/http-head.dict")
    replay="test-http-head"
    ;;
  user-agent)
    # The invariants look vendor ids up in the catalog, which the core loads
    # from its GResource. The simplest build that works without meson or a
    # clang build dir: compile the parser, the catalog code it needs, and
    # the resource C file (generated here by glib-compile-resources, as
    # meson does) all with clang and the sanitizers, in one command. The
    # resource's constructor registers it, as libpacore-resources does.
    glib-compile-resources --generate-source --c-name pa_core \
      --sourcedir "$top/data" --sourcedir "$top/src/core" \
      --target "$work/pa-core-resources.c" \
      "$top/src/core/phoneadmin-core.gresource.xml"
    includes=(-I"$top/src/core")
    sources=(
      "$top/tests/fuzz/pa-user-agent-invariants.c"
      "$top/src/core/pa-user-agent.c"
      "$top/src/core/pa-mac.c"
      "$top/src/core/pa-error.c"
      "$top/src/core/pa-catalog.c"
      "$top/src/core/pa-catalog-json.c"
      "$top/src/core/pa-vendor.c"
      "$top/src/core/pa-device-model.c"
      "$top/src/core/pa-expansion-module.c"
      "$work/pa-core-resources.c"
    )
    pkgs=(glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0)
    # provd reads at most PA_USER_AGENT_MAX_LEN (1024) bytes; a little more
    # exercises the cut.
    max_len=1200
    dict=(-dict="$top/tests/fuzz/user-agent.dict")
    replay="test-user-agent-corpus"
    ;;
  json-body)
    includes=(-I"$top/src/core")
    sources=(
      "$top/tests/fuzz/pa-json-check-invariants.c"
      "$top/src/core/pa-json-check.c"
      "$top/src/core/pa-error.c"
    )
    pkgs=(glib-2.0 gobject-2.0 json-glib-1.0)
    # provd takes bodies up to 1 MiB; depth and names are what matter
    max_len=4096
    dict=(-dict="$top/tests/fuzz/json-body.dict")
    replay="test-json-check"
    ;;
  mac)
    includes=(-I"$top/src/core")
    sources=(
      "$top/tests/fuzz/pa-mac-invariants.c"
      "$top/src/core/pa-mac.c"
      "$top/src/core/pa-error.c"
    )
    pkgs=(glib-2.0 gobject-2.0)
    max_len=128
    dict=()
    replay="test-mac-corpus"
    ;;
  csv)
    # Models are looked up in the catalog, as for user-agent: its resource
    # is compiled in.
    glib-compile-resources --generate-source --c-name pa_core \
      --sourcedir "$top/data" --sourcedir "$top/src/core" \
      --target "$work/pa-core-resources.c" \
      "$top/src/core/phoneadmin-core.gresource.xml"
    includes=(-I"$top/src/core")
    sources=(
      "$top/src/core/pa-csv.c"
      "$top/src/core/pa-csv-names.c"
      "$top/src/core/pa-csv-records.c"
      "$top/src/core/pa-mac.c"
      "$top/src/core/pa-error.c"
      "$top/src/core/pa-validate.c"
      "$top/src/core/pa-catalog.c"
      "$top/src/core/pa-catalog-json.c"
      "$top/src/core/pa-vendor.c"
      "$top/src/core/pa-device-model.c"
      "$top/src/core/pa-expansion-module.c"
      "$work/pa-core-resources.c"
    )
    pkgs=(glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0)
    libs=(-lcsv)
    # Enough for a header and a few dozen rows, quoted values spanning
    # lines; the size limits have unit tests of their own.
    max_len=4096
    dict=()
    replay="test-csv"
    ;;
  config)
    includes=(-I"$top/src/server")
    sources=(
      "$top/tests/fuzz/pa-config-invariants.c"
      "$top/src/server/pa-server-config.c"
    )
    pkgs=(glib-2.0 gobject-2.0 gio-2.0)
    max_len=2048
    dict=()
    replay="test-config-corpus"
    ;;
esac

echo "Building fuzz-$target in $work"
# shellcheck disable=SC2046  # pkg-config output is meant to split
if ! "$clang" -std=gnu17 -g -O1 \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 \
  -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror \
  -I"$config_dir" "${includes[@]}" -I"$top/tests/fuzz" \
  $(pkg-config --cflags "${pkgs[@]}") \
  "$top/tests/fuzz/fuzz-$target.c" \
  "${sources[@]}" \
  $(pkg-config --libs "${pkgs[@]}") ${libs[@]+"${libs[@]}"} \
  -o "$work/fuzz-$target"; then
  [ "$keep" -eq 1 ] || rm -rf "$work"
  echo "fuzz-$target did not build (is $clang clang with libFuzzer?)" >&2
  exit 1
fi

# libFuzzer adds what it finds to the corpus directory it is given; the
# seeds in the tree stay as they are.
mkdir -p "$work/corpus" "$work/artifacts"
cp "$top"/tests/fuzz/corpus/"$target"/* "$work/corpus/"

echo "Fuzzing for ${seconds}s; log in $work/fuzz.log"
status=0
ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:${ASAN_OPTIONS:-}" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}" \
  "$work/fuzz-$target" \
    -max_len="$max_len" \
    -max_total_time="$seconds" \
    -timeout=10 \
    ${dict[@]+"${dict[@]}"} \
    -artifact_prefix="$work/artifacts/" \
    -print_final_stats=1 \
    "$work/corpus" 2>&1 | tee "$work/fuzz.log" \
  | grep --line-buffered -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE)' \
  || status=${PIPESTATUS[0]}

crashes=$(find "$work/artifacts" -type f | sort)
if [ "$status" -ne 0 ] || [ -n "$crashes" ]; then
  echo >&2
  echo "fuzz-$target FAILED (exit status $status)." >&2
  if [ -n "$crashes" ]; then
    echo "Inputs that broke it:" >&2
    for f in $crashes; do
      echo "  $f" >&2
    done
    echo "Reproduce: $work/fuzz-$target <file>; then copy the file into" >&2
    echo "tests/fuzz/corpus/$target/ so $replay replays it." >&2
  fi
  echo "Work dir kept: $work" >&2
  exit 1
fi

echo "No crash in ${seconds}s; corpus grew to $(find "$work/corpus" -type f | wc -l) files."
if [ "$keep" -eq 0 ]; then
  rm -rf "$work"
fi
