#!/usr/bin/python3
"""Record the OpenFlow messages exchanged between ovs-ofctl and an OVS bridge.

A recording TCP proxy listens on 127.0.0.1:LISTEN and forwards to the bridge's
passive OpenFlow listener (e.g. `ovs-vsctl set-controller gold0 ptcp:16640:127.0.0.1`).
Each step of the steps file runs one shell command with `{SW}` replaced by
`tcp:127.0.0.1:LISTEN`; every whole OpenFlow message crossing the proxy is
written to the output JSON-lines file with the step label, the exact command,
the direction (to_ovs = ovs-ofctl -> OVS, from_ovs = OVS -> ovs-ofctl) and its hex.

Messages are split by the 16-bit length field of the OpenFlow header, so a
TCP segment holding several messages or a fragment is handled.

Steps file: one step per line, `label | command`; blank lines and lines
starting with '#' are ignored.  Stdlib only.  Every wait is bounded.

usage: capture_ofctl.py LISTEN_PORT TARGET_PORT STEPS_FILE OUT_JSONL
"""
import json
import socket
import subprocess
import sys
import threading
import time

lock = threading.Lock()
state = {"label": None, "cmd": None, "open": 0}
records = []


def pump(src, dst, direction, conn_id):
    buf = b""
    seq = 0
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
            buf += data
            while len(buf) >= 8:
                length = int.from_bytes(buf[2:4], "big")
                if length < 8:
                    # corrupt stream: record the rest and stop splitting
                    with lock:
                        records.append(dict(label=state["label"], cmd=state["cmd"], conn=conn_id,
                                            dir=direction, seq=seq, hex=buf.hex(), note="bad length"))
                    buf = b""
                    break
                if len(buf) < length:
                    break
                msg, buf = buf[:length], buf[length:]
                with lock:
                    records.append(dict(label=state["label"], cmd=state["cmd"], conn=conn_id,
                                        dir=direction, seq=seq, hex=msg.hex(), t=time.time()))
                seq += 1
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve(listener, target_port):
    conn_id = 0
    while True:
        try:
            c, _ = listener.accept()
        except OSError:
            return
        conn_id += 1
        s = socket.create_connection(("127.0.0.1", target_port), timeout=5)
        s.settimeout(None)
        with lock:
            state["open"] += 1
        t1 = threading.Thread(target=pump, args=(c, s, "to_ovs", conn_id), daemon=True)
        t2 = threading.Thread(target=pump, args=(s, c, "from_ovs", conn_id), daemon=True)
        t1.start()
        t2.start()

        def closer(t1=t1, t2=t2, c=c, s=s):
            t1.join(30)
            t2.join(30)
            c.close()
            s.close()
            with lock:
                state["open"] -= 1
        threading.Thread(target=closer, daemon=True).start()


def main():
    listen_port, target_port, steps_file, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", listen_port))
    listener.listen(8)
    threading.Thread(target=serve, args=(listener, target_port), daemon=True).start()
    sw = "tcp:127.0.0.1:%d" % listen_port
    with open(steps_file) as f:
        steps = []
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            label, cmd = [x.strip() for x in line.split("|", 1)]
            steps.append((label, cmd.replace("{SW}", sw)))
    for label, cmd in steps:
        with lock:
            state["label"], state["cmd"] = label, cmd
        try:
            p = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=15)
            rc, so, se = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            rc, so, se = "timeout", str(e.stdout), str(e.stderr)
        # wait (bounded) for the proxied connection(s) to drain and close
        for _ in range(100):
            with lock:
                if state["open"] == 0:
                    break
            time.sleep(0.02)
        time.sleep(0.05)
        with lock:
            records.append(dict(label=label, cmd=cmd, dir="result", rc=rc,
                                stdout=so[-4000:], stderr=se[-4000:]))
        print("%-28s rc=%s %s" % (label, rc, (se or "").strip()[:150]), flush=True)
    listener.close()
    with open(out, "w") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
