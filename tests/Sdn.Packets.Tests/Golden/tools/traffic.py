"""Traffic for capture.sh: a UDP/TCP server and client, and raw frames (LLDP probe, stacked 802.1Q tags)."""
import socket
import struct
import sys


def server(addr):
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind((addr, 9999))
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    tcp.bind((addr, 8080))
    tcp.listen(1)
    udp.settimeout(10)
    tcp.settimeout(10)
    data, peer = udp.recvfrom(2048)
    udp.sendto(b"pong", peer)
    conn, _ = tcp.accept()
    conn.settimeout(10)
    conn.recv(100)
    conn.sendall(b"world")
    conn.close()


def client(addr):
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("0.0.0.0", 40001))
    udp.settimeout(5)
    udp.sendto(b"ping from pk1", (addr, 9999))
    udp.recvfrom(100)
    tcp = socket.create_connection((addr, 8080), timeout=5, source_address=("0.0.0.0", 40002))
    tcp.sendall(b"hello")
    tcp.recv(100)
    tcp.close()


def checksum(data):
    if len(data) % 2:
        data += b"\x00"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ipv4(tos, proto, src, dst, payload):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(payload), 0x1234, 0x4000, 64, proto, 0,
                         socket.inet_aton(src), socket.inet_aton(dst))
    return header[:10] + struct.pack("!H", checksum(header)) + header[12:] + payload


def raw(ifname):
    """Ryu's LLDP probe for dpid 0x00000000000000ab, port 3, TTL 120, built independently of the C# library."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    src = bytes.fromhex("020000000001")
    chassis = b"\x07" + b"dpid:%016x" % 0xAB
    port = b"\x02" + struct.pack("!I", 3)
    tlv = lambda t, v: struct.pack("!H", (t << 9) | len(v)) + v
    lldp = tlv(1, chassis) + tlv(2, port) + tlv(3, struct.pack("!H", 120)) + struct.pack("!H", 0)
    frame = bytes.fromhex("0180c200000e") + src + b"\x88\xcc" + lldp
    s.send(frame.ljust(60, b"\x00"))
    # 802.1Q VID 42 PCP 5: an ARP request, then an ICMP echo request with DSCP 46.
    arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + src + socket.inet_aton("10.99.42.1") + bytes(6) + socket.inet_aton("10.99.42.2")
    s.send((bytes.fromhex("ffffffffffff") + src + bytes.fromhex("8100 a02a 0806") + arp).ljust(60, b"\x00"))
    icmp = struct.pack("!BBHHH", 8, 0, 0, 0x42, 1) + b"tagged-echo-data"
    icmp = icmp[:2] + struct.pack("!H", checksum(icmp)) + icmp[4:]
    ip = ipv4(0xB8, 1, "10.99.42.1", "10.99.42.2", icmp)
    s.send((bytes.fromhex("020000000002") + src + bytes.fromhex("8100 a02a 0800") + ip).ljust(60, b"\x00"))
    # Stacked tags: S-TAG 0x88a8 VID 100 PCP 3, C-TAG VID 200, then an IPv4/UDP datagram with a zero checksum.
    udp = struct.pack("!HHHH", 5000, 6000, 8 + 4, 0) + b"qinq"
    ip = ipv4(0, 17, "10.99.1.1", "10.99.1.2", udp)
    frame = bytes.fromhex("020000000002") + src + bytes.fromhex("88a8 6064 8100 00c8 0800") + ip
    s.send(frame.ljust(60, b"\x00"))


def nocsum(ifname):
    """Turns off TX checksum offload (ethtool ETHTOOL_STXCSUM) so captured TCP/UDP checksums are complete."""
    import array
    import fcntl
    value = array.array("I", [0x17, 0])  # struct ethtool_value { cmd = ETHTOOL_STXCSUM, data = 0 }
    addr, _ = value.buffer_info()
    ifreq = struct.pack("16sP", ifname.encode(), addr)
    fcntl.ioctl(socket.socket(), 0x8946, ifreq)  # SIOCETHTOOL


if __name__ == "__main__":
    {"server": server, "client": client, "raw": raw, "nocsum": nocsum}[sys.argv[1]](*sys.argv[2:])
