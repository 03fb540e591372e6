#!/usr/bin/env bash
# How fast the app reads a listing: one page of 250 phones and one of their
# 250 SIP accounts, as a real provd sends them, parsed the way the client's
# worker does (bench/parse-pages.c), in one thread and in two. The app's
# 100,000 phones are 400 such pages; two threads slower than one is GLib's
# GSlice (GLib < 2.76), shown beside with G_SLICE=always-malloc.
#
#   bench/parse.sh            100 rounds, best of five tries
#   bench/parse.sh 50 && PA_BUILD_DIR=other-build bench/parse.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
reps="${1:-100}"
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || die "rounds must be a positive number, not '$reps'"

install_missing curl python3 gcc pkg-config
build_provd
out="$(ninja -C "$build" src/app/libpaapp.a src/core/libpacore.a src/app/libpaapp-resources.a \
         src/core/libpacore-resources.a 2>&1)" \
  || { grep -v '^\[[0-9]*/[0-9]*\] ' <<<"$out" | tail -n 30 >&2; die "building the app's libraries failed"; }
libs=(gtk4 libadwaita-1 json-glib-1.0 libsoup-3.0 libsecret-1 zbar libxml-2.0 epoxy sqlite3)
# shellcheck disable=SC2046
out="$(gcc -O2 -Wall -o "$build/parse-pages" "$top/bench/parse-pages.c" \
  -I"$build" -I"$top/src/app" -I"$top/src/core" -I"$build/src/core" -I"$build/src/app" \
  $(pkg-config --cflags "${libs[@]}") \
  -Wl,--whole-archive "$build/src/app/libpaapp-resources.a" "$build/src/core/libpacore-resources.a" \
  -Wl,--no-whole-archive "$build/src/app/libpaapp.a" "$build/src/core/libpacore.a" \
  $(pkg-config --libs "${libs[@]}") -lcsv -lm 2>&1)" \
  || { echo "$out" >&2; die "building bench/parse-pages.c failed"; }

make_work_dir
start_provd ''
echo "1. 250 T54W phones through provd's API:"
create_phones 250 "$work/phones.txt"
for kind in phones sip-accounts; do
  code="$(curl -s -o "$work/$kind.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
            "$base/api/v1/$kind?limit=500")"
  [ "$code" = 200 ] || die "GET /api/v1/$kind answered $code"
done
echo "   a page of phones: $(wc -c <"$work/phones.json") bytes; of SIP accounts: $(wc -c <"$work/sip-accounts.json") bytes"
echo "2. both pages parsed and read $reps times a thread (GLib $(pkg-config --modversion glib-2.0)):"
for threads in 1 2; do
  echo -n "   "; "$build/parse-pages" "$work/phones.json" "$work/sip-accounts.json" "$threads" "$reps"
done
echo "   with G_SLICE=always-malloc (what GLib 2.76 and later do):"
for threads in 1 2; do
  echo -n "   "; G_SLICE=always-malloc "$build/parse-pages" "$work/phones.json" "$work/sip-accounts.json" "$threads" "$reps"
done
