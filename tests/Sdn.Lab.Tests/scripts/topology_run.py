#!/usr/bin/python3
"""Lab driver for the topology tests: build a network, describe it, then obey commands on stdin.

Run as root with Debian's interpreter, always under ``timeout``::

    timeout 300 /usr/bin/python3 topology_run.py --topo ring,4 --port 6653

Machine-readable output is one stdout line ``RESULT {json}`` per step:

    RESULT {"phase": "started", "switches": [{"name", "dpid"}], "hosts": [{"name", "mac", "ip",
            "dpid", "port"}], "links": [{"src": {"dpid", "port"}, "dst": {"dpid", "port"}}]}
        right after net.start(); links are the switch-to-switch links in BOTH directions, with
        the real OpenFlow port numbers; dpids are 16 lowercase hex digits.
    RESULT {"phase": "connected", "connected": true, "seconds": 1.2, "not_connected": []}
        once every switch reports is_connected (bounded by --connect-timeout).

Then it reads one command per stdin line (each wait bounded by --command-timeout; end of input or
``quit`` stops the network):

    pingall              -> {"phase": "pingall", "loss": 0.0, "seconds": 3.1}
    ping SRC DST COUNT   -> {"phase": "ping", "src", "dst", "sent", "received", "output"}
    dump-flows           -> {"phase": "dump-flows", "flows": {"<dpid>": ["flow line", ...]}}
    quit

The last line is always ``RESULT {"phase": "final", "ok": ..., "error": ...}``; the network is
always stopped (net.stop()), also on SIGTERM from timeout(1).
"""

import argparse
import json
import os
import select
import signal
import sys
import time
import traceback
from functools import partial

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# pylint: disable=wrong-import-position
from pingall_run import (_terminate, dump_flows, foreign_network, log, result,  # noqa: E402
                         stop_network, wait_connected, PlainRemoteController, build_topo)
from mininet.log import setLogLevel  # noqa: E402
from mininet.net import Mininet  # noqa: E402
from mininet.node import OVSSwitch  # noqa: E402


def describe(net):
    "Switches, hosts (with attachment point) and directed switch-to-switch links of a started net."
    switches = [{'name': s.name, 'dpid': s.dpid} for s in net.switches]
    names = {s.name for s in net.switches}
    hosts = []
    links = []
    for link in net.links:
        ends = [(link.intf1.node, link.intf1), (link.intf2.node, link.intf2)]
        sw_ends = [(n, n.ports[i]) for n, i in ends if n.name in names]
        if len(sw_ends) == 2:
            (a, pa), (b, pb) = sw_ends
            links.append({'src': {'dpid': a.dpid, 'port': pa}, 'dst': {'dpid': b.dpid, 'port': pb}})
            links.append({'src': {'dpid': b.dpid, 'port': pb}, 'dst': {'dpid': a.dpid, 'port': pa}})
        elif len(sw_ends) == 1:
            (sw, port), = sw_ends
            host = [n for n, _ in ends if n.name not in names][0]
            hosts.append({'name': host.name, 'mac': host.MAC(), 'ip': host.IP(),
                          'dpid': sw.dpid, 'port': port})
    return {'phase': 'started', 'switches': switches, 'hosts': hosts, 'links': links}


def ping(net, src, dst, count):
    "COUNT pings from host SRC to host DST (0.2 s apart, 2 s wait each)."
    a, b = net.get(src), net.get(dst)
    out = a.cmd('ping -c %d -i 0.2 -W 2 %s' % (count, b.IP()))
    sent, received = net._parsePing(out)  # pylint: disable=protected-access
    return {'phase': 'ping', 'src': src, 'dst': dst, 'sent': sent, 'received': received,
            'output': out.strip().splitlines()[-2:]}


def read_command(timeout):
    "One stripped stdin line; None on end of input; raises on time-out."
    ready, _, _ = select.select([sys.stdin], [], [], timeout)
    if not ready:
        raise RuntimeError('no command on stdin within %ss' % timeout)
    line = sys.stdin.readline()
    return None if line == '' else line.strip()


def obey(timeout, handle):
    """Reads stdin commands until quit / end of input; handle(words) answers one and returns False if it does not
    know it (then an "error" result is printed)."""
    while True:
        cmd = read_command(timeout)
        if cmd is None or cmd == 'quit':
            log('stopping on %r' % cmd)
            return
        log('command: %s' % cmd)
        if not handle(cmd.split()):
            result({'phase': 'error', 'error': 'unknown command %r' % cmd})


def serve(net, args):
    "Obey stdin commands until quit / end of input."
    def handle(words):
        if words == ['pingall']:
            start = time.time()
            loss = net.pingAll(timeout=str(args.ping_timeout))
            result({'phase': 'pingall', 'loss': float(loss), 'seconds': round(time.time() - start, 2)})
        elif len(words) == 4 and words[0] == 'ping':
            result(ping(net, words[1], words[2], int(words[3])))
        elif words == ['dump-flows']:
            result({'phase': 'dump-flows', 'flows': {s.dpid: dump_flows(s.name, '--no-names') for s in net.switches}})
        else:
            return False
        return True
    obey(args.command_timeout, handle)


def main():
    signal.signal(signal.SIGTERM, _terminate)
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--topo', required=True, help="e.g. 'ring,4', 'leafspine,2,4,2', 'fattree,4'")
    parser.add_argument('--ip', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=6653)
    parser.add_argument('--connect-timeout', type=float, default=60.0)
    parser.add_argument('--command-timeout', type=float, default=180.0,
                        help='seconds to wait for each stdin command (default 180)')
    parser.add_argument('--ping-timeout', type=int, default=2)
    parser.add_argument('--loglevel', default='info')
    args = parser.parse_args()

    if os.geteuid() != 0:
        result({'phase': 'final', 'ok': False, 'error': 'must run as root'})
        return 2

    setLogLevel(args.loglevel)
    error = None
    net = None
    started = time.time()
    try:
        topo = build_topo(args.topo)
        taken = foreign_network(topo)
        if taken:
            raise RuntimeError('names already in use on this machine: %s -- another Mininet network '
                               'is running (or a crashed one was left: `mn -c`)' % ' '.join(taken))
        switch = partial(OVSSwitch, datapath='user', protocols='OpenFlow13')
        net = Mininet(topo=topo, switch=switch, controller=None,
                      autoSetMacs=True, waitConnected=False, build=False)
        net.addController('c0', controller=PlainRemoteController, ip=args.ip, port=args.port)
        log('starting network %s -> controller %s:%d' % (args.topo, args.ip, args.port))
        net.build()
        net.start()
        result(describe(net))
        ok, secs, missing = wait_connected(net, args.connect_timeout)
        result({'phase': 'connected', 'connected': ok, 'seconds': secs, 'not_connected': missing})
        log('connected=%s after %.2fs %s' % (ok, secs, missing or ''))
        if not ok:
            raise RuntimeError('switches not connected: %s' % missing)
        serve(net, args)
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # pylint: disable=broad-except
        error = '%s: %s' % (type(exc).__name__, exc)
        traceback.print_exc(file=sys.stdout)
    finally:
        error = stop_network(net, error)

    result({'phase': 'final', 'ok': error is None, 'error': error,
            'seconds': round(time.time() - started, 2)})
    return 0 if error is None else 1


if __name__ == '__main__':
    sys.exit(main())
