#!/bin/sh
# Cross-check the recording proxy against tshark: run a few ovs-ofctl steps through
# capture_ofctl.py while tshark captures the proxy->bridge leg on loopback, then
# compare the multisets of OpenFlow messages seen by both.  Prints "identical multiset: True".
set -e
T=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d)
"$T/setup_passive.sh" gold0 16640 OpenFlow13 0000000000000a01
grep -E '^(show|dump_desc|dump_tables) ' "$T/steps_v13.txt" > "$W/steps.txt"
timeout 20 tshark -q -i lo -f 'tcp port 16640' -w "$W/x.pcap" >"$W/tshark.log" 2>&1 &
TP=$!
sleep 2
"$T/capture_ofctl.py" 16650 16640 "$W/steps.txt" "$W/x.jsonl"
sleep 1
kill $TP 2>/dev/null || true
wait $TP 2>/dev/null || true
ovs-vsctl del-br gold0
tshark -r "$W/x.pcap" -T fields -e tcp.stream -e tcp.srcport -e tcp.payload 2>/dev/null | python3 -c "
import sys, json, collections
streams = collections.defaultdict(bytes)
for line in sys.stdin:
    parts = line.rstrip('\n').split('\t')
    if len(parts) < 3 or not parts[2]:
        continue
    d = 'from_ovs' if parts[1] == '16640' else 'to_ovs'
    streams[(int(parts[0]), d)] += bytes.fromhex(parts[2].replace(':', ''))
seen = collections.Counter()
for k, b in streams.items():
    while len(b) >= 8:
        n = int.from_bytes(b[2:4], 'big')
        seen[(k[1], b[:n].hex())] += 1
        b = b[n:]
prox = collections.Counter()
for l in open('$W/x.jsonl'):
    r = json.loads(l)
    if r['dir'] != 'result':
        prox[(r['dir'], r['hex'])] += 1
print('tshark messages', sum(seen.values()), 'proxy messages', sum(prox.values()),
      'identical multiset:', seen == prox)
"
rm -rf "$W"
