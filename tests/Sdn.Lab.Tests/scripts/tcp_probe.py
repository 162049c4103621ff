#!/usr/bin/python3
"""Bounded TCP probe for the policy lab (runs inside a Mininet host's namespace).

    tcp_probe.py listen PORT SECONDS        accept one connection (or give up after SECONDS), then exit
    tcp_probe.py connect HOST PORT SECONDS  print "connected" when the TCP handshake completes within SECONDS,
                                            else "failed: <reason>"; exit 0 / 1
"""
import socket
import sys


def listen(port, seconds):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('', port))
    srv.listen(1)
    srv.settimeout(seconds)
    try:
        conn, _ = srv.accept()
        conn.close()
    except socket.timeout:
        return 1
    finally:
        srv.close()
    return 0


def connect(host, port, seconds):
    try:
        socket.create_connection((host, port), timeout=seconds).close()
    except OSError as exc:
        print('failed: %s' % exc)
        return 1
    print('connected')
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == 'listen':
        return listen(int(argv[2]), float(argv[3]))
    if len(argv) == 5 and argv[1] == 'connect':
        return connect(argv[2], int(argv[3]), float(argv[4]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
