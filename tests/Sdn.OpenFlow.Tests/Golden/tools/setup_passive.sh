#!/bin/sh
# usage: setup_passive.sh BRIDGE PORT PROTOCOLS DPID
# e.g.   setup_passive.sh gold0 16640 OpenFlow13 0000000000000a01
#        setup_passive.sh gold3 16642 OpenFlow10 0000000000000d01
# Creates a userspace-datapath bridge with fail_mode=secure and a passive OpenFlow
# listener on 127.0.0.1:PORT, plus two internal ports (ofport 1 up, ofport 2 down)
# so that port stats / port descriptions have content.  Re-running recreates it.
set -e
BR=$1; PORT=$2; PROTO=$3; DPID=$4
ovs-vsctl --if-exists del-br "$BR"
ovs-vsctl add-br "$BR" -- set bridge "$BR" datapath_type=netdev protocols="$PROTO" fail_mode=secure \
  other-config:datapath-id="$DPID" \
  -- set-controller "$BR" "ptcp:$PORT:127.0.0.1" \
  -- add-port "$BR" "${BR}p1" -- set interface "${BR}p1" type=internal ofport_request=1 \
  -- add-port "$BR" "${BR}p2" -- set interface "${BR}p2" type=internal ofport_request=2
ip link set "${BR}p1" up
# wait (bounded) for the listener
i=0
while [ $i -lt 50 ]; do
  ovs-ofctl -O "$PROTO" probe "tcp:127.0.0.1:$PORT" >/dev/null 2>&1 && exit 0
  i=$((i+1)); sleep 0.1
done
echo "$BR listener did not come up" >&2; exit 1
