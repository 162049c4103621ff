"""Selects golden frames from a capture and writes tests/Sdn.Packets.Tests/Golden/<name>.hex with tshark's decode.

Usage: annotate.py CAPTURE.pcap OUTDIR   (classic pcap, Ethernet link type)
Each .hex file: '#' header lines (name, source, length, then '# tshark: field=value' lines) and the frame bytes
as hex, 16 per line. The tests read the bytes and the tshark lines; they never run tshark.
"""
import struct
import subprocess
import sys

FIELDS = [
    "eth.dst", "eth.src", "eth.type", "vlan.id", "vlan.priority", "vlan.etype",
    "arp.opcode", "arp.src.hw_mac", "arp.src.proto_ipv4", "arp.dst.hw_mac", "arp.dst.proto_ipv4",
    "ip.src", "ip.dst", "ip.proto", "ip.dsfield.dscp", "ip.ttl", "ip.len", "ip.checksum.status",
    "ipv6.src", "ipv6.dst", "ipv6.nxt", "ipv6.hlim",
    "icmp.type", "icmp.code", "icmp.checksum.status",
    "icmpv6.type", "icmpv6.code", "icmpv6.nd.ns.target_address", "icmpv6.nd.na.target_address", "icmpv6.checksum.status",
    "tcp.srcport", "tcp.dstport", "tcp.flags", "tcp.hdr_len", "tcp.checksum.status",
    "udp.srcport", "udp.dstport", "udp.length", "udp.checksum.status",
    "lldp.chassis.subtype", "lldp.chassis.id", "lldp.port.subtype", "lldp.port.id", "lldp.time_to_live",
]

# name -> predicate over the tshark fields of a frame; the first matching frame is kept.
SELECT = {
    "arp_request": lambda f: f["arp.opcode"] == "1" and not f["vlan.id"],
    "arp_reply": lambda f: f["arp.opcode"] == "2" and not f["vlan.id"],
    "icmp_echo_request": lambda f: f["icmp.type"] == "8" and not f["vlan.id"],
    "icmp_echo_reply": lambda f: f["icmp.type"] == "0" and not f["vlan.id"],
    "icmpv6_neighbor_solicitation": lambda f: f["icmpv6.type"] == "135",
    "icmpv6_neighbor_advertisement": lambda f: f["icmpv6.type"] == "136",
    "icmpv6_echo_request": lambda f: f["icmpv6.type"] == "128",
    "icmpv6_echo_reply": lambda f: f["icmpv6.type"] == "129",
    "udp_request": lambda f: f["udp.dstport"] == "9999",
    "udp_reply": lambda f: f["udp.srcport"] == "9999",
    "tcp_syn": lambda f: f["tcp.flags"] == "0x0002",
    "tcp_syn_ack": lambda f: f["tcp.flags"] == "0x0012",
    "tcp_data": lambda f: f["tcp.dstport"] == "8080" and f["tcp.flags"] == "0x0018",
    "vlan_arp_request": lambda f: f["vlan.id"] == "42" and f["arp.opcode"] == "1",
    "vlan_icmp_echo_request": lambda f: f["vlan.id"] == "42" and f["icmp.type"] == "8",
    "lldp_probe": lambda f: f["lldp.chassis.id"] != "",
    "qinq_udp": lambda f: f["eth.type"].startswith("0x88a8"),
}

SOURCE = {
    "lldp_probe": "sent with python3 AF_PACKET (Ryu's probe format, dpid 0xab port 3) from pk1 on veth pkv1, captured on pkv2",
    "vlan_arp_request": "sent with python3 AF_PACKET from pk1 on veth pkv1 (VID 42, PCP 5), captured on pkv2",
    "vlan_icmp_echo_request": "sent with python3 AF_PACKET from pk1 on veth pkv1 (VID 42, PCP 5, DSCP 46), captured on pkv2",
    "qinq_udp": "sent with python3 AF_PACKET from pk1 on veth pkv1 (S-TAG 100 PCP 3, C-TAG 200), captured on pkv2",
}


def frames(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    offset = 24
    while offset + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + "IIII", data[offset:offset + 16])
        yield data[offset + 16:offset + 16 + incl]
        offset += 16 + incl


def decode(path):
    cmd = ["tshark", "-r", path, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
           "-o", "udp.check_checksum:TRUE", "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,"]
    for field in FIELDS:
        cmd += ["-e", field]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=60).stdout
    return [dict(zip(FIELDS, line.split("\t"))) for line in out.splitlines()]


def main(pcap, outdir):
    raw = list(frames(pcap))
    decoded = decode(pcap)
    version = subprocess.run(["tshark", "-v"], capture_output=True, text=True, timeout=30).stdout.splitlines()[0]
    for name, pick in SELECT.items():
        index = next((i for i, f in enumerate(decoded) if pick(f)), None)
        if index is None:
            sys.exit(f"no frame for {name}")
        frame, fields = raw[index], decoded[index]
        lines = [f"# name: {name}",
                 f"# source: {SOURCE.get(name, 'Linux kernel traffic between namespaces pk1 and pk2 over veth pkv1/pkv2, captured on pkv2 with dumpcap')}",
                 f"# length: {len(frame)} bytes (no FCS)",
                 f"# decoded by: {version}"]
        lines += [f"# tshark: {k}={v}" for k, v in fields.items() if v]
        lines += [" ".join(f"{b:02x}" for b in frame[i:i + 16]) for i in range(0, len(frame), 16)]
        with open(f"{outdir}/{name}.hex", "w") as f:
            f.write("\n".join(lines) + "\n")
        print(f"{name}: frame {index + 1}, {len(frame)} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
