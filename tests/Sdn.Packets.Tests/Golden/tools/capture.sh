#!/usr/bin/env bash
# Captures the golden frames for Sdn.Packets.Tests on a private veth pair between two network namespaces
# (pk1, pk2; both deleted on exit), then writes one annotated .hex file per vector (see annotate.py).
# Needs root, iproute2, ping, python3, dumpcap and tshark. Does not touch Mininet/OVS.
# Tagged frames are sent with an AF_PACKET socket (traffic.py raw): this kernel has no 8021q module for a vlan subinterface.
# Usage: sudo tests/Sdn.Packets.Tests/Golden/tools/capture.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/.." && pwd)
work=$(mktemp -d)
T="timeout 15"

cleanup() {
  $T ip netns del pk1 2>/dev/null || true
  $T ip netns del pk2 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cleanup; work=$(mktemp -d)

n1() { $T ip netns exec pk1 "$@"; }
n2() { $T ip netns exec pk2 "$@"; }

$T ip netns add pk1
$T ip netns add pk2
$T ip link add pkv1 netns pk1 address 02:00:00:00:00:01 type veth peer name pkv2 netns pk2 address 02:00:00:00:00:02
for ns in 1 2; do
  $T ip netns exec pk$ns sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
    net.ipv6.conf.default.router_solicitations=0 net.ipv6.conf.all.router_solicitations=0
  $T ip netns exec pk$ns ip link set lo up
  $T ip netns exec pk$ns ip addr add 10.99.0.$ns/24 dev pkv$ns
  $T ip netns exec pk$ns ip addr add fd00:99::$ns/64 dev pkv$ns nodad
  $T ip netns exec pk$ns ip link set pkv$ns up
  $T ip netns exec pk$ns python3 "$here/traffic.py" nocsum pkv$ns
done
sleep 2

# Capture everything on pk2's end of the veth (classic pcap format, no snap length limit).
n2 bash -c "timeout 30 dumpcap -q -P -i pkv2 -w '$work/all.pcap' 2>/dev/null" &
cap=$!
sleep 2

n1 ping -c 1 -W 2 -p 5a 10.99.0.2 >/dev/null                     # ARP request/reply, ICMP echo request/reply
n1 ping -6 -c 1 -W 2 -p 5a fd00:99::2 >/dev/null                 # NS/NA, ICMPv6 echo request/reply
n2 python3 "$here/traffic.py" server 10.99.0.2 &                  # UDP and TCP listener
srv=$!
sleep 1
n1 python3 "$here/traffic.py" client 10.99.0.2
wait $srv || true
n1 python3 "$here/traffic.py" raw pkv1                           # LLDP probe (Ryu format), 802.1Q-tagged ARP and echo, stacked tags
sleep 2
kill -INT $cap 2>/dev/null || true
wait $cap 2>/dev/null || true

python3 "$here/annotate.py" "$work/all.pcap" "$out"
