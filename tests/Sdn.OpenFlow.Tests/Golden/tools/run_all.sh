#!/bin/sh
# Regenerate every golden vector from a live Open vSwitch 3.1 (userspace datapath).
# Run as root from anywhere:  tests/Sdn.OpenFlow.Tests/Golden/tools/run_all.sh [CAPTURE_DIR]
# Uses bridges gold0..gold3, netns goldns, veth gveth0/gveth1, TCP ports 16640-16651 on
# 127.0.0.1; removes all of them at the end.  Takes about a minute.
set -e
T=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-/tmp/golden-capture}
mkdir -p "$OUT"
ovs-vsctl show >/dev/null 2>&1 || /usr/share/openvswitch/scripts/ovs-ctl start --system-id=random
trap 'ovs-vsctl --if-exists del-br gold0; ovs-vsctl --if-exists del-br gold3' EXIT

"$T/setup_passive.sh" gold0 16640 OpenFlow13 0000000000000a01
"$T/capture_ofctl.py" 16650 16640 "$T/steps_v13.txt" "$OUT/v13_ofctl.jsonl"
ovs-vsctl del-br gold0

"$T/setup_passive.sh" gold3 16642 OpenFlow10 0000000000000d01
"$T/capture_ofctl.py" 16651 16642 "$T/steps_v10.txt" "$OUT/v10_ofctl.jsonl"
ovs-vsctl del-br gold3

timeout 120 "$T/controller_capture.py" 13 "$OUT/v13_ctl.jsonl" 16641
timeout 60 "$T/controller_capture.py" 10 "$OUT/v10_ctl.jsonl" 16643

"$T/make_vectors.py" "$OUT" "$T/.."
"$T/verify_vectors.py" "$T/.."
