#!/usr/bin/python3
"""Minimal scripted OpenFlow controller that records what Open vSwitch sends it.

It creates its own bridge (gold1 for OF1.3, gold2 for OF1.0; userspace datapath),
its own network namespace `goldns` and veth pair gveth0/gveth1 (10.99.0.1/24
lives only inside the namespace; the bridge side has no address), drives a fixed
scenario and writes every OpenFlow message in both directions to a JSON-lines
file (label = scenario phase, dir = from_ovs | to_ovs).  Everything it creates
is removed at the end, also on error.  Stdlib only; every wait is bounded.

usage: controller_capture.py {13|10} OUT_JSONL [PORT]
"""
import json
import socket
import struct
import subprocess
import sys
import threading
import time

VER = 4
BR = "gold1"
NS = "goldns"
records = []
lock = threading.Lock()
phase = {"label": "connect", "desc": ""}
xid_counter = [0x100]


def sh(cmd, check=False):
    p = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20)
    if check and p.returncode != 0:
        raise RuntimeError("%s: %s" % (cmd, p.stderr))
    return p


def set_phase(label, desc):
    with lock:
        phase["label"], phase["desc"] = label, desc
    print("phase", label, flush=True)


def record(direction, msg):
    with lock:
        records.append(dict(label=phase["label"], cmd=phase["desc"], dir=direction,
                            hex=msg.hex(), t=time.time()))


def xid():
    xid_counter[0] += 1
    return xid_counter[0]


def hdr(typ, body=b"", x=None):
    return struct.pack("!BBHI", VER, typ, 8 + len(body), xid() if x is None else x) + body


# ---------------------------------------------------------------- OF1.3 encoders
def oxm(field, value, mask=None):
    payload = value + (mask or b"")
    return struct.pack("!HBB", 0x8000, (field << 1) | (1 if mask else 0), len(payload)) + payload


def match13(*oxms):
    body = b"".join(oxms)
    m = struct.pack("!HH", 1, 4 + len(body)) + body
    return m + b"\0" * ((8 - len(m) % 8) % 8)


def act_output(port, max_len=0xffff):
    return struct.pack("!HHIH6x", 0, 16, port, max_len)


def inst_apply(*acts):
    a = b"".join(acts)
    return struct.pack("!HH4x", 4, 8 + len(a)) + a


def flow_mod13(command, match, insts=b"", table=0, priority=0, idle=0, hard=0, flags=0,
               cookie=0, cookie_mask=0, out_port=0xffffffff, out_group=0xffffffff):
    body = struct.pack("!QQBBHHHIIIH2x", cookie, cookie_mask, table, command, idle, hard,
                       priority, 0xffffffff, out_port, out_group, flags) + match + insts
    return hdr(14, body)


def multipart_req(mtype, body=b""):
    return hdr(18, struct.pack("!HH4x", mtype, 0) + body)


# ---------------------------------------------------------------- OF1.0 encoders
def match10(wildcards=0x3fffff, in_port=0, dl_type=0, nw_proto=0):
    return struct.pack("!IH6s6sHBxHBB2xIIHH", wildcards, in_port, b"\0" * 6, b"\0" * 6, 0, 0,
                       dl_type, 0, nw_proto, 0, 0, 0, 0)


def act10_output(port, max_len=0xffff):
    return struct.pack("!HHHH", 0, 8, port, max_len)


def flow_mod10(command, match, actions=b"", priority=0, idle=0, hard=0, flags=0, cookie=0,
               out_port=0xffff):
    body = match + struct.pack("!QHHHHIHH", cookie, command, idle, hard, priority, 0xffffffff,
                               out_port, flags) + actions
    return hdr(14, body)


# ---------------------------------------------------------------- connection
class Conn:
    def __init__(self, sock):
        self.sock = sock
        self.alive = True
        self.t = threading.Thread(target=self.reader, daemon=True)
        self.t.start()

    def send(self, msg):
        record("to_ovs", msg)
        self.sock.sendall(msg)

    def reader(self):
        buf = b""
        try:
            while True:
                d = self.sock.recv(65536)
                if not d:
                    break
                buf += d
                while len(buf) >= 8:
                    ln = struct.unpack("!H", buf[2:4])[0]
                    if ln < 8 or len(buf) < ln:
                        break
                    m, buf = buf[:ln], buf[ln:]
                    record("from_ovs", m)
                    if m[1] == 2:  # ECHO_REQUEST -> ECHO_REPLY with same xid and data
                        self.send(bytes([m[0], 3]) + m[2:])
        except OSError:
            pass
        self.alive = False


def wait_for(pred, timeout):
    end = time.time() + timeout
    while time.time() < end:
        with lock:
            if pred(records):
                return True
        time.sleep(0.05)
    return False


def count_type(typ):
    return lambda rs: sum(1 for r in rs if r["dir"] == "from_ovs" and int(r["hex"][2:4], 16) == typ)


def cleanup():
    sh("ovs-vsctl --if-exists del-br %s" % BR)
    sh("ip netns del %s" % NS)
    sh("ip link del gveth0")


def netns_setup():
    sh("ip netns add %s" % NS, True)
    sh("ip link add gveth0 type veth peer name gveth1", True)
    sh("ip link set gveth1 netns %s" % NS, True)
    sh("ip link set gveth0 address 02:00:00:00:0a:00 up", True)
    sh("ip netns exec %s ip link set gveth1 address 02:00:00:00:0a:01" % NS, True)
    sh("ip netns exec %s ip addr add 10.99.0.1/24 dev gveth1" % NS, True)
    sh("ip netns exec %s ip link set gveth1 up" % NS, True)
    sh("ip netns exec %s ip link set lo up" % NS, True)
    # IPv6 router solicitations / DAD would add noise packet-ins
    sh("ip netns exec %s sysctl -qw net.ipv6.conf.all.disable_ipv6=1" % NS)
    sh("ip netns exec %s sysctl -qw net.ipv6.conf.gveth1.disable_ipv6=1" % NS)
    sh("sysctl -qw net.ipv6.conf.gveth0.disable_ipv6=1")


def scenario13(c, port):
    set_phase("handshake", "controller_capture.py: after accept: HELLO(bitmap 1.0+1.3), FEATURES_REQUEST, SET_CONFIG(miss_send_len=0xffff), GET_CONFIG_REQUEST, MULTIPART PORT_DESC, BARRIER")
    c.send(hdr(0, struct.pack("!HHI", 1, 8, 0x12)))
    c.send(hdr(5))
    c.send(hdr(9, struct.pack("!HH", 0, 0xffff)))
    c.send(hdr(7))
    c.send(multipart_req(13))
    c.send(hdr(20))
    wait_for(count_type(21), 5)

    set_phase("flows", "controller_capture.py: FLOW_MOD delete-all, table-miss (prio 0 -> CONTROLLER), LLDP flow idle_timeout=1 SEND_FLOW_REM, BARRIER")
    c.send(flow_mod13(3, match13(), table=0xff))
    c.send(flow_mod13(0, match13(), inst_apply(act_output(0xfffffffd)), priority=0))
    c.send(flow_mod13(0, match13(oxm(5, b"\x88\xcc")), inst_apply(act_output(0xfffffffd)),
                      priority=50, idle=1, flags=1, cookie=0x1d1e))
    c.send(hdr(20))
    wait_for(lambda rs: count_type(21)(rs) >= 2, 5)

    set_phase("port_add", "after `ovs-vsctl add-port gold1 gveth0 -- set interface gveth0 ofport_request=1` (veth peer gveth1 in netns goldns)")
    netns_setup()
    sh("ovs-vsctl add-port %s gveth0 -- set interface gveth0 ofport_request=1" % BR, True)
    time.sleep(1.5)

    set_phase("arp", "table-miss PACKET_IN: `ip netns exec goldns ping -c 2 -W 1 10.99.0.2` (ARP request from 10.99.0.1)")
    sh("ip netns exec %s ping -c 2 -W 1 10.99.0.2" % NS)
    wait_for(count_type(10), 3)

    set_phase("icmp", "PACKET_IN reason ACTION: flow table=0 prio=10 icmp hard_timeout=3 SEND_FLOW_REM cookie=0xc0ffee actions=CONTROLLER:0xffff; static neighbour 10.99.0.2 -> 02:00:00:00:00:02; `ip netns exec goldns ping -c 2 -W 1 10.99.0.2`")
    c.send(flow_mod13(0, match13(oxm(5, b"\x08\x00"), oxm(10, b"\x01")),
                      inst_apply(act_output(0xfffffffd)), priority=10, hard=3, flags=1,
                      cookie=0xc0ffee))
    c.send(hdr(20))
    time.sleep(0.3)
    sh("ip netns exec %s ip neigh replace 10.99.0.2 lladdr 02:00:00:00:00:02 dev gveth1" % NS)
    sh("ip netns exec %s ping -c 2 -W 1 10.99.0.2" % NS)

    set_phase("flow_removed", "waiting for FLOW_REMOVED (idle_timeout LLDP flow, hard_timeout icmp flow)")
    wait_for(lambda rs: count_type(11)(rs) >= 2, 8)

    set_phase("flow_removed_delete", "controller: FLOW_MOD add udp prio=5 cookie=0x77 SEND_FLOW_REM, then FLOW_MOD DELETE_STRICT of it")
    m = match13(oxm(5, b"\x08\x00"), oxm(10, b"\x11"))
    c.send(flow_mod13(0, m, inst_apply(act_output(1)), priority=5, flags=1, cookie=0x77))
    c.send(hdr(20))
    time.sleep(0.3)
    c.send(flow_mod13(4, m, priority=5))
    c.send(hdr(20))
    wait_for(lambda rs: count_type(11)(rs) >= 3, 3)

    set_phase("packet_out", "controller: PACKET_OUT buffer_id=NO_BUFFER in_port=CONTROLLER actions=output:1 data=ARP reply 10.99.0.2 is-at 02:00:00:00:00:02")
    arp_reply = (bytes.fromhex("020000000a01" "020000000002" "0806" "0001080006040002")
                 + bytes.fromhex("020000000002") + socket.inet_aton("10.99.0.2")
                 + bytes.fromhex("020000000a01") + socket.inet_aton("10.99.0.1"))
    acts = act_output(1, 0)
    c.send(hdr(13, struct.pack("!IIH6x", 0xffffffff, 0xfffffffd, len(acts)) + acts + arp_reply))
    c.send(hdr(20))
    time.sleep(0.3)

    set_phase("requests", "controller: ECHO_REQUEST, ROLE_REQUEST(nochange), ROLE_REQUEST(master gen 5), GET_ASYNC_REQUEST, SET_ASYNC, QUEUE_GET_CONFIG_REQUEST(port 1), multipart DESC/PORT_STATS/TABLE_FEATURES/GROUP_DESC/METER_FEATURES, TABLE_MOD(table 0, config 0), BARRIER")
    c.send(hdr(2, b"golden"))
    c.send(hdr(24, struct.pack("!I4xQ", 0, 0)))
    c.send(hdr(24, struct.pack("!I4xQ", 2, 5)))
    c.send(hdr(26))
    c.send(hdr(28, struct.pack("!6I", 0x7, 0x0, 0x7, 0x7, 0xf, 0x0)))
    c.send(hdr(26))
    c.send(hdr(22, struct.pack("!I4x", 1)))
    c.send(multipart_req(0))
    c.send(multipart_req(4, struct.pack("!I4x", 0xffffffff)))
    c.send(multipart_req(12))
    c.send(multipart_req(7))
    c.send(multipart_req(11))
    c.send(hdr(17, struct.pack("!B3xI", 0, 0)))                               # TABLE_MOD table 0 config 0
    c.send(hdr(20))
    time.sleep(1.0)

    set_phase("errors", "controller sent, in order: type 0x7f; ECHO_REQUEST with version 3; MULTIPART_REQUEST type 0x7777; FLOW_MOD with OXM field 63 (unknown); PORT_MOD port 42; EXPERIMENTER id 0xabcdef; FLOW_MOD matching ip_proto=6 without eth_type; PACKET_OUT buffer_id 0x1234; FLOW_MOD apply_actions(COPY_TTL_OUT, COPY_TTL_IN); BARRIER")
    c.send(struct.pack("!BBHI", 4, 0x7f, 8, xid()))                        # unknown type
    c.send(struct.pack("!BBHI", 3, 2, 8, xid()))                           # wrong version echo
    c.send(multipart_req(0x7777))                                          # unknown multipart
    bad = struct.pack("!HBB", 0x8000, 0x7e << 1, 4) + b"\0\0\0\1"        # OXM field 63
    c.send(flow_mod13(0, match13(bad), inst_apply(act_output(1)), priority=1))
    c.send(hdr(16, struct.pack("!I4x6s2xIII4x", 42, b"\0" * 6, 1, 1, 0)))  # PORT_MOD bad port
    c.send(hdr(4, struct.pack("!II", 0x00abcdef, 1)))                      # unknown experimenter
    c.send(flow_mod13(0, match13(oxm(10, b"\x06")), inst_apply(act_output(1)), priority=1))  # prereq missing
    c.send(hdr(13, struct.pack("!IIH6x", 0x1234, 0xfffffffd, 16) + act_output(1, 0)))  # unknown buffer
    copy_ttl = struct.pack("!HH4x", 11, 8) + struct.pack("!HH4x", 12, 8)  # COPY_TTL_OUT, COPY_TTL_IN
    c.send(flow_mod13(0, match13(oxm(5, b"\x08\x00")), inst_apply(copy_ttl), priority=1))  # OVS: unsupported
    c.send(hdr(20))
    time.sleep(1.0)

    set_phase("port_modify", "`ip link set gveth0 down`, then `ip link set gveth0 up`")
    sh("ip link set gveth0 down")
    time.sleep(1.0)
    sh("ip link set gveth0 up")
    time.sleep(1.0)

    set_phase("port_mod", "controller: PORT_MOD port 1 with a wrong hw_addr (error expected), then config=PORT_DOWN mask=PORT_DOWN, then config=0 mask=PORT_DOWN")
    c.send(hdr(16, struct.pack("!I4x6s2xIII4x", 1, bytes.fromhex("02000000000a"), 1, 1, 0)))
    time.sleep(0.8)
    c.send(hdr(16, struct.pack("!I4x6s2xIII4x", 1, bytes.fromhex("020000000a00"), 1, 1, 0)))
    time.sleep(0.8)
    c.send(hdr(16, struct.pack("!I4x6s2xIII4x", 1, bytes.fromhex("020000000a00"), 0, 1, 0)))
    time.sleep(0.8)

    set_phase("port_delete", "`ovs-vsctl del-port gold1 gveth0`")
    sh("ovs-vsctl del-port %s gveth0" % BR)
    time.sleep(1.0)

    set_phase("idle_echo", "controller silent for 3.5 s with inactivity_probe=1000 ms: OVS sends ECHO_REQUEST")
    sh("ovs-vsctl set controller %s inactivity_probe=1000" % BR)
    wait_for(count_type(2), 6)
    time.sleep(0.3)


def scenario10(c, port):
    set_phase("handshake", "controller_capture.py (OF1.0): HELLO, FEATURES_REQUEST, SET_CONFIG(miss_send_len=0xffff), GET_CONFIG_REQUEST, BARRIER")
    c.send(hdr(0))
    c.send(hdr(5))
    c.send(hdr(9, struct.pack("!HH", 0, 0xffff)))
    c.send(hdr(7))
    c.send(hdr(18))  # OF1.0 BARRIER_REQUEST is type 18
    wait_for(count_type(19), 5)

    set_phase("flows", "controller (OF1.0): FLOW_MOD delete-all, wildcard prio 0 -> CONTROLLER, LLDP flow idle_timeout=1 SEND_FLOW_REM")
    c.send(flow_mod10(3, match10()))
    c.send(flow_mod10(0, match10(), act10_output(0xfffd), priority=0))
    c.send(flow_mod10(0, match10(0x3fffff & ~0x10, dl_type=0x88cc), act10_output(0xfffd),
                      priority=50, idle=1, flags=1, cookie=0x1d1e))
    c.send(hdr(18))
    time.sleep(0.5)

    set_phase("port_add", "after `ovs-vsctl add-port gold2 gveth0 -- set interface gveth0 ofport_request=1`")
    netns_setup()
    sh("ovs-vsctl add-port %s gveth0 -- set interface gveth0 ofport_request=1" % BR, True)
    time.sleep(1.5)

    set_phase("arp", "PACKET_IN (OF1.0): `ip netns exec goldns ping -c 2 -W 1 10.99.0.2` (ARP request)")
    sh("ip netns exec %s ping -c 2 -W 1 10.99.0.2" % NS)
    wait_for(count_type(10), 3)

    set_phase("flow_removed", "waiting for FLOW_REMOVED (idle_timeout LLDP flow)")
    wait_for(count_type(11), 6)

    set_phase("port_delete", "`ovs-vsctl del-port gold2 gveth0`")
    sh("ovs-vsctl del-port %s gveth0" % BR)
    time.sleep(1.0)


def main():
    global VER, BR
    mode, out = sys.argv[1], sys.argv[2]
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 16641
    if mode == "10":
        VER, BR = 1, "gold2"
    cleanup()
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", port))
    ls.listen(1)
    ls.settimeout(20)
    try:
        proto = "OpenFlow13" if VER == 4 else "OpenFlow10"
        sh("ovs-vsctl add-br %s -- set bridge %s datapath_type=netdev protocols=%s fail_mode=secure "
           "other-config:datapath-id=000000000000%s -- set-controller %s tcp:127.0.0.1:%d"
           % (BR, BR, proto, "0b01" if VER == 4 else "0c01", BR, port), True)
        s, _ = ls.accept()
        s.settimeout(None)
        c = Conn(s)
        (scenario13 if VER == 4 else scenario10)(c, port)
        set_phase("teardown", "")
    finally:
        cleanup()
        ls.close()
        time.sleep(0.3)
        with lock:
            with open(out, "w") as f:
                for r in records:
                    f.write(json.dumps(r) + "\n")
        print("recorded", len(records), "messages", flush=True)


if __name__ == "__main__":
    main()
