#!/usr/bin/python3
"""Check every golden vector: the hex parses, it is exactly one OpenFlow message
(length == header length field), the version byte fits its directory, and
`ovs-ofctl ofp-print` decodes it.  A "***decode error" in ofp-print's output is
only accepted inside an OFPT_ERROR (it is the deliberately bad offending
message carried in the error's data) or in a file marked
`# expect-decode-error: <why>` (then it is required).

usage: verify_vectors.py GOLDEN_DIR      (exit status 1 if anything fails)
"""
import os
import subprocess
import sys

golden = sys.argv[1]
bad = 0
n = 0
for sub, version in (("v13", 4), ("v10", 1)):
    d = os.path.join(golden, sub)
    if not os.path.isdir(d):
        continue
    for fn in sorted(os.listdir(d)):
        if not fn.endswith(".hex"):
            continue
        n += 1
        path = os.path.join(d, fn)
        problems = []
        toks = []
        expect_error = False
        with open(path) as f:
            for line in f:
                if line.startswith("# expect-decode-error:"):
                    expect_error = True
                if line.startswith("#") or not line.strip():
                    continue
                toks += line.split()
        try:
            b = bytes(int(t, 16) for t in toks)
            if any(len(t) != 2 for t in toks):
                problems.append("token not 2 hex digits")
        except ValueError as e:
            problems.append("bad hex: %s" % e)
            b = b""
        if len(b) < 8:
            problems.append("shorter than an OpenFlow header")
        else:
            if int.from_bytes(b[2:4], "big") != len(b):
                problems.append("header length %d != %d bytes" % (int.from_bytes(b[2:4], "big"), len(b)))
            if b[0] != version:
                problems.append("version 0x%02x in %s" % (b[0], sub))
            p = subprocess.run(["ovs-ofctl", "ofp-print", b.hex()], capture_output=True, text=True)
            first = (p.stdout.splitlines() or [""])[0]
            if p.returncode != 0:
                problems.append("ofp-print exit %d" % p.returncode)
            is_error = b[1] == 1
            if expect_error:
                if "***decode error" not in p.stdout:
                    problems.append("expected an ofp-print decode error, got none")
            else:
                if "***decode error" in p.stdout and not is_error:
                    problems.append("ofp-print decode error: " + first)
                if "***decode error" in first:
                    problems.append("ofp-print decode error: " + first)
        status = "OK  " if not problems else "FAIL"
        if problems:
            bad += 1
        print("%s %s/%s %s" % (status, sub, fn, "; ".join(problems)))
print("%d vectors, %d failed" % (n, bad))
sys.exit(1 if bad else 0)
