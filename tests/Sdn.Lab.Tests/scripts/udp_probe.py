#!/usr/bin/python3
"""UDP probe, run inside Mininet hosts by failover_run.py (host.popen).

    udp_probe.py send DST_IP PORT INTERVAL_MS STOP_FILE MAX_SECONDS
    udp_probe.py recv PORT OUT_FILE STOP_FILE MAX_SECONDS

The sender sends packet n (8-byte sequence number, 8-byte send time, both
big-endian) at start + n * interval on an absolute schedule: when the process
was descheduled it catches up at once, so sequence number x interval stays
wall-clock time.  It stops when STOP_FILE exists or after MAX_SECONDS.

The receiver writes one line per packet, "seq send_time recv_time", to
OUT_FILE when it stops: STOP_FILE exists and nothing arrived for 0.5 s, or
MAX_SECONDS passed.  Both use time.time() (hosts share the machine's clock).
"""

import os
import socket
import struct
import sys
import time

PACKET = struct.Struct('!Qd')
SO_NO_CHECK = 11  # <asm-generic/socket.h>


def send(dst, port, interval_ms, stop_file, max_seconds):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # No UDP checksum (legal for IPv4): with the veth's checksum offload the kernel would leave it to the
    # "hardware", OVS's userspace datapath forwards it unfinished and the receiving kernel drops the packet.
    sock.setsockopt(socket.SOL_SOCKET, SO_NO_CHECK, 1)
    interval = interval_ms / 1000.0
    start = time.time()
    seq = 0
    check_every = max(1, int(0.05 / interval))
    while True:
        now = time.time()
        if now - start > max_seconds or (seq % check_every == 0 and os.path.exists(stop_file)):
            break
        due = start + seq * interval
        if due > now:
            time.sleep(due - now)
        try:
            sock.sendto(PACKET.pack(seq, time.time()) + b'\0' * 48, (dst, port))
        except OSError:
            pass  # e.g. ENETUNREACH for a moment: the packet counts as lost
        seq += 1
    sys.stdout.write('sent %d\n' % seq)
    return 0


def recv(port, out_file, stop_file, max_seconds):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.bind(('0.0.0.0', port))
    sock.settimeout(0.1)
    start = time.time()
    last = start
    rows = []
    while time.time() - start < max_seconds:
        try:
            data = sock.recv(2048)
        except socket.timeout:
            if os.path.exists(stop_file) and time.time() - last > 0.5:
                break
            continue
        last = time.time()
        if len(data) >= PACKET.size:
            seq, sent = PACKET.unpack_from(data)
            rows.append('%d %.6f %.6f\n' % (seq, sent, last))
    with open(out_file + '.tmp', 'w') as f:
        f.writelines(rows)
    os.rename(out_file + '.tmp', out_file)
    return 0


def main(argv):
    if len(argv) == 7 and argv[1] == 'send':
        return send(argv[2], int(argv[3]), float(argv[4]), argv[5], float(argv[6]))
    if len(argv) == 6 and argv[1] == 'recv':
        return recv(int(argv[2]), argv[3], argv[4], float(argv[5]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
