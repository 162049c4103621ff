#!/usr/bin/python3
"""Lab driver for the gRPC policy tests (issue 6): a ring with its own names, commands on stdin.

Run as root with Debian's interpreter, always under ``timeout``::

    timeout 300 /usr/bin/python3 policy_run.py --port 26653

Builds ``policy_ring`` (ps1..ps4, hosts ph1..ph4, dpids 00000000f6010N, MACs 00:00:00:00:f6:0N, IPs
10.246.0.N; mininet-topologies/policy_topologies.py) with static ARP on OpenFlow 1.3 userspace bridges, prints
``RESULT {"phase": "started", "hosts": [{"name", "mac", "ip"}], "switches": [{"name", "dpid"}]}``, waits for
the switches (``RESULT {"phase": "connected", ...}``), then obeys one command per stdin line:

    ping SRC DST COUNT   -> {"phase": "ping", "src", "dst", "sent", "received"}
    pingpairs COUNT      -> {"phase": "pingpairs", "pairs": [{"src", "dst", "sent", "received"}]} every ordered pair
    udp SRC DST PORT     -> {"phase": "udp", "src", "dst", "port", "sent", "received"}: 20 datagrams SRC -> DST:PORT,
                            0.1 s apart, counted by a 3.5 s listener on DST (udp_count.py; TCP needs ethtool here)
    dump-flows           -> {"phase": "dump-flows", "flows": {"ps1": ["flow line", ...], ...}}
    link-down DPID PORT  -> {"phase": "link-down", "link": "psA-psB"}: the link on that switch port goes down
    clear-flows          -> {"phase": "cleared", "disconnected", "seconds"}: waits (bounded) until no switch is
                            connected (the test killed the controller), then deletes every flow of every switch
    wait-connected       -> {"phase": "connected", "connected", "seconds", "not_connected"}
    quit

The last line is always ``RESULT {"phase": "final", "ok": ..., "error": ...}``; the network is always stopped.
It refuses to start if its bridges or links exist; ``--cleanup-only`` removes only its own (never ``mn -c``).
"""

import argparse
import os
import sys
import time
import traceback
import signal
from functools import partial

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
sys.path.insert(0, os.path.join(REPO, 'mininet-topologies'))
sys.path.insert(0, HERE)

# pylint: disable=wrong-import-position
from mininet.log import setLogLevel  # noqa: E402
from mininet.net import Mininet  # noqa: E402
from mininet.node import OVSSwitch  # noqa: E402

from sdn_controller import PlainRemoteController  # noqa: E402
from policy_topologies import PolicyRing  # noqa: E402
from pingall_run import (_terminate, dump_flows, foreign_network, log, ofctl, remove_own_network,  # noqa: E402
                         result, stop_network, wait_connected, wait_disconnected)
from topology_run import obey  # noqa: E402


def ping(net, src, dst, count):
    "COUNT pings SRC -> DST, 0.2 s apart, 1 s wait for the last."
    a, b = net.get(src), net.get(dst)
    out = a.cmd('ping -c %d -i 0.2 -W 1 %s' % (count, b.IP()))
    sent, received = net._parsePing(out)  # pylint: disable=protected-access
    return {'src': src, 'dst': dst, 'sent': sent, 'received': received}


PROBE = os.path.join(HERE, 'udp_count.py')


def udp(net, src, dst, port, count=20):
    "COUNT datagrams SRC -> DST:PORT (sender in the background), counted by a listener on DST; all bounded by timeout."
    a, b = net.get(src), net.get(dst)
    a.cmd('timeout 8 /usr/bin/python3 %s send %s %d %d 0.1 >/dev/null 2>&1 &' % (PROBE, b.IP(), port, count))
    out = b.cmd('timeout 8 /usr/bin/python3 %s listen %d 3.5' % (PROBE, port))
    words = out.split()
    received = int(words[words.index('received') + 1]) if 'received' in words else -1
    return {'src': src, 'dst': dst, 'port': port, 'sent': count, 'received': received, 'detail': out.strip()[-200:]}


def link_down(net, dpid, port):
    "Takes down the inter-switch link on switch DPID's PORT."
    sw = [s for s in net.switches if int(s.dpid, 16) == int(dpid, 16)][0]
    intf = [i for i, p in sw.ports.items() if p == int(port)][0]
    other = intf.link.intf2 if intf.link.intf1 is intf else intf.link.intf1
    net.configLinkStatus(sw.name, other.node.name, 'down')
    return '%s-%s' % (sw.name, other.node.name)


def serve(net, args):
    "Obey stdin commands until quit / end of input."
    def handle(words):
        if len(words) == 4 and words[0] == 'ping':
            result(dict(ping(net, words[1], words[2], int(words[3])), phase='ping'))
        elif len(words) == 4 and words[0] == 'udp':
            result(dict(udp(net, words[1], words[2], int(words[3])), phase='udp'))
        elif len(words) == 2 and words[0] == 'pingpairs':
            pairs = [ping(net, a.name, b.name, int(words[1])) for a in net.hosts for b in net.hosts if a is not b]
            result({'phase': 'pingpairs', 'pairs': pairs})
        elif words == ['dump-flows']:
            result({'phase': 'dump-flows', 'flows': {s.name: dump_flows(s.name) for s in net.switches}})
        elif len(words) == 3 and words[0] == 'link-down':
            result({'phase': 'link-down', 'link': link_down(net, words[1], words[2])})
        elif words == ['clear-flows']:
            ok, secs, still = wait_disconnected(net, args.connect_timeout)
            for sw in net.switches:
                ofctl('del-flows', sw.name)
            result({'phase': 'cleared', 'disconnected': ok, 'seconds': secs, 'still_connected': still,
                    'flows_left': sum(len(dump_flows(s.name)) for s in net.switches)})
        elif words == ['wait-connected']:
            ok, secs, missing = wait_connected(net, args.connect_timeout)
            result({'phase': 'connected', 'connected': ok, 'seconds': secs, 'not_connected': missing})
        else:
            return False
        return True
    obey(args.command_timeout, handle)


def cleanup_own_network(topo_class=PolicyRing):
    "Deletes only our bridges and interfaces, if a killed run left them."
    removed = remove_own_network([topo_class()])
    log('cleanup: removed %s' % (' '.join(removed) or 'no interfaces'))


def main(topo_class=PolicyRing):
    "Runs the lab on TOPO_CLASS (PolicyRing; intent_run.py passes IntentRing)."
    signal.signal(signal.SIGTERM, _terminate)
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--ip', default='127.0.0.1')
    p.add_argument('--port', type=int, default=26653)
    p.add_argument('--connect-timeout', type=float, default=60.0)
    p.add_argument('--command-timeout', type=float, default=180.0)
    p.add_argument('--loglevel', default='warning')
    p.add_argument('--cleanup-only', action='store_true')
    args = p.parse_args()
    if args.cleanup_only:
        cleanup_own_network(topo_class)
        return 0
    if os.geteuid() != 0:
        result({'phase': 'final', 'ok': False, 'error': 'must run as root'})
        return 2
    setLogLevel(args.loglevel)
    error, net, started = None, None, time.time()
    try:
        topo = topo_class()
        taken = foreign_network(topo)
        if taken:
            raise RuntimeError('names already in use: %s -- refusing to touch them' % ' '.join(taken))
        switch = partial(OVSSwitch, datapath='user', protocols='OpenFlow13')
        net = Mininet(topo=topo, switch=switch, controller=None, autoSetMacs=False, waitConnected=False, build=False)
        net.addController('pc0', controller=PlainRemoteController, ip=args.ip, port=args.port)
        log('starting %s -> controller %s:%d' % (type(topo).__name__, args.ip, args.port))
        net.build()
        net.start()
        net.staticArp()
        result({'phase': 'started', 'switches': [{'name': s.name, 'dpid': s.dpid} for s in net.switches],
                'hosts': [{'name': h.name, 'mac': h.MAC(), 'ip': h.IP()} for h in net.hosts]})
        ok, secs, missing = wait_connected(net, args.connect_timeout)
        result({'phase': 'connected', 'connected': ok, 'seconds': secs, 'not_connected': missing})
        if not ok:
            raise RuntimeError('switches not connected: %s' % missing)
        serve(net, args)
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # pylint: disable=broad-except
        error = '%s: %s' % (type(exc).__name__, exc)
        traceback.print_exc(file=sys.stdout)
    finally:
        error = stop_network(net, error)
    result({'phase': 'final', 'ok': error is None, 'error': error, 'seconds': round(time.time() - started, 2)})
    return 0 if error is None else 1


if __name__ == '__main__':
    sys.exit(main())
