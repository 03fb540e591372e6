#!/usr/bin/env bash
# test-real-network.sh — a phone's view over a real network: provd listens on
# every address of this machine, and a "phone" in a network namespace of its
# own (a veth pair, 198.18.7.0/24, the benchmarking range) fetches over that
# link from the LAN address, as a desk phone on an office LAN does. Nothing
# is mocked; making a namespace needs root, so without it the test skips and
# says why.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

provd="${PA_PROVD:?PA_PROVD names the provd to test}"
n=0
failed=0

ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then
    echo "ok $n $2"
  else
    echo "not ok $n $2"
    failed=1
  fi
}

if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || ! command -v curl >/dev/null; then
  echo "1..0 # SKIP needs root, ip (iproute2) and curl to put a phone in a network namespace"
  exit 0
fi
if ! ip netns add "pa-probe-$$" 2>/dev/null; then
  echo "1..0 # SKIP this machine does not allow network namespaces"
  exit 0
fi
ip netns del "pa-probe-$$"

echo "1..9"

ns="pa-phone-$$"
host_if="pa-h$$"
phone_if="pa-p$$"
host_ip=198.18.7.1
phone_ip=198.18.7.2
data="$(mktemp -d)"
pids=()

cleanup () {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  ip netns del "$ns" 2>/dev/null
  ip link del "$host_if" 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT

ip netns add "$ns"
ip link add "$host_if" type veth peer name "$phone_if"
ip link set "$phone_if" netns "$ns"
ip addr add "$host_ip/24" dev "$host_if"
ip link set "$host_if" up
ip netns exec "$ns" ip addr add "$phone_ip/24" dev "$phone_if"
ip netns exec "$ns" ip link set "$phone_if" up
ip netns exec "$ns" ip link set lo up

free_port () {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts provd on $1 (listen) with the key file $2; waits for provd.url.
start_provd () {
  rm -f "$data/provd.url"
  "$provd" --listen "$1" --config "$2" --data-dir "$data" 2>>"$data/provd.log" &
  pids+=($!)
  for _ in $(seq 100); do
    [ -s "$data/provd.url" ] && return 0
    sleep 0.05
  done
  echo "# provd did not start: $(tail -3 "$data/provd.log")"
  return 1
}

stop_provd () {
  kill "${pids[-1]}" 2>/dev/null
  wait "${pids[-1]}" 2>/dev/null
}

port="$(free_port)"
cat >"$data/lan.conf" <<EOF
[server]
public-url=http://$host_ip:$port
sip-server=pbx.example.com
EOF
start_provd "0.0.0.0:$port" "$data/lan.conf" || exit 1
token="$(cat "$data/admin-token")"

api () {
  curl -s -H "Authorization: Bearer $token" -H "Content-Type: application/json" "$@"
}
json () {
  python3 -c "import json, sys; d = json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"
}

created="$(api -X POST -d '{"name": "Desk", "mac": "80:5E:C0:12:34:56", "vendor": "yealink", "model": "yealink-t54w"}' "http://127.0.0.1:$port/api/v1/phones")"
phone_id="$(echo "$created" | json 'd["id"]')"
phone_token="$(echo "$created" | json 'd["token"]')"
link="http://$host_ip:$port/p/$phone_token/"
ua="Yealink SIP-T54W 96.86.0.100 80:5e:c0:12:34:56"

# 1. The phone, on its own network, fetches its file from the LAN address.
file="$(ip netns exec "$ns" curl -s -f -A "$ua" "${link}805ec0123456.cfg")"
echo "$file" | grep -q "account.1.sip_server.1.address = pbx.example.com"
ok $? "a phone in another network namespace fetches its file from $host_ip"

# 2. The file it needs to come back: its common file names the same link.
common="$(ip netns exec "$ns" curl -s -f -A "$ua" "${link}y000000000096.cfg")"
echo "$common" | grep -qF "static.auto_provision.server.url = $link"
ok $? "the file points the phone back at a link it can reach"

# 3. provd saw the phone at its own address.
seen="$(api "http://127.0.0.1:$port/api/v1/phones/$phone_id" | json 'd["ip"]')"
[ "$seen" = "$phone_ip" ]
ok $? "the phone's address is recorded as $phone_ip (got $seen)"

# 4. The bootstrap URL: an unknown phone is recorded as discovered.
bootstrap="$(api "http://127.0.0.1:$port/api/v1" | json 'd["bootstrap_url"]')"
status="$(ip netns exec "$ns" curl -s -o /dev/null -w '%{http_code}' \
          -A "Yealink SIP-T54W 96.86.0.100 80:5e:c0:00:00:99" "${bootstrap}805ec0000099.cfg")"
found="$(api "http://127.0.0.1:$port/api/v1/discovered" | json '[i["ip"] for i in d["items"]]')"
[ "$status" = 404 ] && [ "$found" = "['$phone_ip']" ]
ok $? "an unknown phone on the bootstrap URL is discovered at $phone_ip ($status, $found)"

# 5. The bootstrap URL gives a known phone its setup link, and no secret.
boot="$(ip netns exec "$ns" curl -s -f -A "$ua" "${bootstrap}805ec0123456.cfg")"
echo "$boot" | grep -qF "$link" && ! echo "$boot" | grep -q "account.1.enable = 1"
ok $? "the bootstrap URL points a known phone at its setup link, with no account"

# 6. The setup link survives a restart (same data, same port).
stop_provd
start_provd "0.0.0.0:$port" "$data/lan.conf" || exit 1
status="$(ip netns exec "$ns" curl -s -o /dev/null -w '%{http_code}' -A "$ua" "${link}805ec0123456.cfg")"
[ "$status" = 200 ]
ok $? "the setup link still works after a restart ($status)"
stop_provd

# 7. What local mode did before it let the LAN in: a loopback-only provd
# cannot be reached by any phone.
start_provd "127.0.0.1:$port" "$data/lan.conf" || exit 1
ip netns exec "$ns" curl -s -o /dev/null --max-time 3 "${link}805ec0123456.cfg"
[ $? != 0 ]
ok $? "a provd on loopback only is out of the phone's reach"
stop_provd

# 8. phone-networks: another network is refused like a bad token…
cat >"$data/narrow.conf" <<EOF
[server]
public-url=http://$host_ip:$port
sip-server=pbx.example.com
phone-networks=198.18.8.0/24
EOF
start_provd "0.0.0.0:$port" "$data/narrow.conf" || exit 1
status="$(ip netns exec "$ns" curl -s -o /dev/null -w '%{http_code}' -A "$ua" "${link}805ec0123456.cfg")"
[ "$status" = 404 ] && grep -q "Refused phone request from $phone_ip: the address is outside phone-networks" "$data/provd.log"
ok $? "a phone outside phone-networks is refused and logged ($status)"
stop_provd

# 9. …and its own network is served.
sed -i "s|phone-networks=.*|phone-networks=198.18.8.0/24;198.18.7.0/24|" "$data/narrow.conf"
start_provd "0.0.0.0:$port" "$data/narrow.conf" || exit 1
status="$(ip netns exec "$ns" curl -s -o /dev/null -w '%{http_code}' -A "$ua" "${link}805ec0123456.cfg")"
[ "$status" = 200 ]
ok $? "a phone inside phone-networks is served ($status)"
stop_provd

exit $failed
