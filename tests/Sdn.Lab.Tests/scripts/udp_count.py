#!/usr/bin/python3
"""Bounded UDP reachability probe for the policy lab (runs inside a Mininet host's namespace).

    udp_count.py send HOST PORT COUNT INTERVAL_S   after 0.5 s, COUNT datagrams to HOST:PORT, INTERVAL_S apart
    udp_count.py listen PORT SECONDS               prints how many datagrams arrived on PORT within SECONDS

The datagrams carry no UDP checksum (SO_NO_CHECK, legal for IPv4): with the veth's checksum offload the kernel would
leave the checksum to the "hardware", OVS's userspace datapath forwards it unfinished and the receiving kernel drops
the packet (the same reason TCP does not work across these bridges without ethtool).
"""
import socket
import sys
import time

SO_NO_CHECK = 11  # <asm-generic/socket.h>


def send(host, port, count, interval):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, SO_NO_CHECK, 1)
    time.sleep(0.5)
    for seq in range(count):
        try:
            sock.sendto(b'policy-lab %d' % seq, (host, port))
        except OSError:
            pass
        time.sleep(interval)
    return 0


def listen(port, seconds):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(('', port))
    deadline = time.monotonic() + seconds
    received = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            sock.recv(2048)
            received += 1
        except socket.timeout:
            break
    print('received %d' % received)
    return 0


def main(argv):
    if len(argv) == 6 and argv[1] == 'send':
        return send(argv[2], int(argv[3]), int(argv[4]), float(argv[5]))
    if len(argv) == 4 and argv[1] == 'listen':
        return listen(int(argv[2]), float(argv[3]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
