#!/usr/bin/python3
"""Lab driver: build a Mininet network on our controller, pingall, report.

Run as root with Debian's interpreter, always under ``timeout``::

    timeout 120 /usr/bin/python3 pingall_run.py --topo linear,3 --port 6653 \\
        [--protocols OpenFlow10] [--dump-flows s1] [--restart-dir DIR]

``--protocols`` sets the OVS bridges' OpenFlow versions (default OpenFlow13) and
the version ovs-ofctl speaks to them (the first one listed).

Every machine-readable result is one stdout line ``RESULT {json}``:

    RESULT {"phase": "round", "round": 1, "connected": true, "loss": 0.0, ...}
    RESULT {"phase": "final", "ok": true, "rounds": [...], "error": null}

The last line is always the "final" one (also when something fails), and the
exit code is 0 only if every round connected and lost nothing.

With ``--restart-dir DIR`` the network stays up for a controller restart,
coordinated through files in DIR (every wait is bounded):

    1. round 1 pingall                  -> creates DIR/round1.done
    2. waits for DIR/controller.stopped (the test killed the controller)
    3. waits until no switch reports a connection, deletes every flow of every
       switch (so round 2 can only pass if the new controller sets them
       up again)                        -> creates DIR/flows.cleared
    4. waits for DIR/controller.started (the test started a new controller)
    5. round 2: wait for connections and flows, pingall
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import traceback
from functools import partial

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
sys.path.insert(0, os.path.join(REPO, 'mininet-topologies'))

# pylint: disable=wrong-import-position
from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.node import OVSSwitch

from sdn_controller import PlainRemoteController
from sdn_topologies import build_topo


def result(obj):
    "Print one machine-readable line."
    sys.stdout.write('RESULT ' + json.dumps(obj, sort_keys=True) + '\n')
    sys.stdout.flush()


def log(msg):
    sys.stdout.write('### %s %s\n' % (time.strftime('%H:%M:%S'), msg))
    sys.stdout.flush()


# The version ovs-ofctl uses with the bridges: the first of --protocols.
OFCTL_VERSION = ['OpenFlow13']


def ofctl(*args, timeout=10):
    "Run ovs-ofctl -O <version> ... ; returns (rc, stdout+stderr)."
    cmd = ['ovs-ofctl', '-O', OFCTL_VERSION[0]] + list(args)
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=timeout, check=False)
        return proc.returncode, proc.stdout.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired:
        return 124, 'timeout: %s' % ' '.join(cmd)


def dump_flows(switch, *options):
    "Flow lines of a switch (header line dropped); options go before dump-flows (e.g. --no-names)."
    rc, out = ofctl(*(options + ('dump-flows', switch)))
    lines = [l.strip() for l in out.splitlines() if l.strip()]
    if rc != 0:
        return ['ERROR rc=%d: %s' % (rc, ' | '.join(lines))]
    return [l for l in lines if not l.startswith(('OFPST_FLOW', 'NXST_FLOW'))]


def wait_connected(net, timeout):
    "Bounded wait until every switch reports is_connected; returns (ok, seconds, missing)."
    start = time.time()
    deadline = start + timeout
    remaining = list(net.switches)
    while True:
        remaining = [s for s in remaining if not s.connected()]
        if not remaining or time.time() >= deadline:
            break
        time.sleep(0.25)
    return not remaining, round(time.time() - start, 2), [s.name for s in remaining]


def wait_disconnected(net, timeout):
    "Bounded wait until no switch reports is_connected."
    start = time.time()
    deadline = start + timeout
    while True:
        connected = [s.name for s in net.switches if s.connected()]
        if not connected or time.time() >= deadline:
            return not connected, round(time.time() - start, 2), connected
        time.sleep(0.25)


def wait_flows(net, timeout):
    """Bounded wait until every switch has at least one flow (e.g. the table-miss
    flow the controller installs at connect; without it OpenFlow 1.3 drops)."""
    start = time.time()
    deadline = start + timeout
    remaining = list(net.switches)
    while True:
        remaining = [s for s in remaining
                     if not any('actions=' in l for l in dump_flows(s.name))]
        if not remaining or time.time() >= deadline:
            break
        time.sleep(0.25)
    return not remaining, round(time.time() - start, 2), [s.name for s in remaining]


def wait_file(path, timeout):
    "Bounded wait for a signal file; True if it appeared."
    deadline = time.time() + timeout
    while time.time() < deadline:
        if os.path.exists(path):
            return True
        time.sleep(0.1)
    return os.path.exists(path)


def touch(path):
    with open(path, 'w') as f:
        f.write('%f\n' % time.time())


def run_round(net, args, number):
    "Wait for the switches, pingall once, dump the requested flows."
    rec = {'phase': 'round', 'round': number}
    ok, secs, missing = wait_connected(net, args.connect_timeout)
    rec.update(connected=ok, connect_seconds=secs, not_connected=missing)
    log('round %d: connected=%s after %.2fs %s' % (number, ok, secs, missing or ''))
    if ok and args.flow_timeout > 0:
        fok, fsecs, fmissing = wait_flows(net, args.flow_timeout)
        rec.update(flows_ready=fok, flows_seconds=fsecs, no_flows=fmissing)
        log('round %d: flows_ready=%s after %.2fs %s' % (number, fok, fsecs, fmissing or ''))
    if ok:
        start = time.time()
        loss = net.pingAll(timeout=str(args.ping_timeout))
        rec.update(loss=float(loss), ping_seconds=round(time.time() - start, 2))
        log('round %d: pingall loss=%s%% in %.2fs' % (number, loss, rec['ping_seconds']))
    else:
        rec.update(loss=None)
    rec['flows'] = {}
    for sw in args.dump_flows:
        flows = dump_flows(sw)
        rec['flows'][sw] = flows
        log('round %d: dump-flows %s (%d lines):' % (number, sw, len(flows)))
        for line in flows:
            sys.stdout.write('    %s\n' % line)
    result(rec)
    return rec


def foreign_network(topo):
    """Names our network would take that already exist: OVS bridges s1.. or links h1-eth0..
    Mininet would silently delete such a bridge (del-br --if-exists), i.e. break another
    network running on this machine, so we refuse instead."""
    taken = []
    rc = subprocess.run(['ovs-vsctl', '--timeout=10', 'list-br'], stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL, check=False, timeout=20)
    bridges = set(rc.stdout.decode().split())
    taken += sorted(bridges & set(topo.switches()))
    for node in topo.switches() + topo.hosts():
        for intf in range(0, 8):
            name = '%s-eth%d' % (node, intf)
            if os.path.exists(os.path.join('/sys/class/net', name)):
                taken.append(name)
    return taken


def remove_own_network(topos):
    """Deletes only the bridges and interfaces of the given topologies (what a killed run of a driver with its own
    names left behind; never `mn -c`, which would take another network down too). Returns the removed interfaces."""
    removed = []
    for topo in topos:
        for sw in topo.switches():
            subprocess.run(['ovs-vsctl', '--timeout=10', '--if-exists', 'del-br', sw], timeout=20, check=False)
        for node in topo.switches() + topo.hosts():
            for intf in range(0, 8):
                dev = '%s-eth%d' % (node, intf)
                if os.path.exists(os.path.join('/sys/class/net', dev)):
                    subprocess.run(['ip', 'link', 'del', dev], timeout=10, check=False)
                    removed.append(dev)
    return removed


def stop_network(net, error):
    "Always-run cleanup: net.stop() (SIGTERM ignored meanwhile); returns error, or the stop failure."
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # let net.stop() finish
    if net is not None:
        try:
            net.stop()
        except Exception as exc:  # pylint: disable=broad-except
            log('net.stop() failed: %s' % exc)
            error = error or 'net.stop failed: %s' % exc
    return error


def _terminate(signum, _frame):
    "timeout(1) sends SIGTERM: turn it into an exception so finally: net.stop() runs."
    raise SystemExit('terminated by signal %d' % signum)


def main():
    signal.signal(signal.SIGTERM, _terminate)
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--topo', default='linear,3',
                        help="'linear,N' | 'tree,DEPTH,FANOUT' | 'ring,N' (default linear,3)")
    parser.add_argument('--ip', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=6653)
    parser.add_argument('--connect-timeout', type=float, default=20.0,
                        help='seconds to wait for all switches to connect (default 20)')
    parser.add_argument('--flow-timeout', type=float, default=10.0,
                        help='seconds to wait for a first flow on every switch; 0 = skip')
    parser.add_argument('--ping-timeout', type=int, default=2,
                        help='ping -W seconds per ping (default 2)')
    parser.add_argument('--dump-flows', action='append', default=[], metavar='SWITCH',
                        help='print ovs-ofctl dump-flows of SWITCH after each round')
    parser.add_argument('--restart-dir', default=None,
                        help='keep the network up for a controller restart (see doc)')
    parser.add_argument('--signal-timeout', type=float, default=60.0,
                        help='seconds to wait for each signal file (default 60)')
    parser.add_argument('--protocols', default='OpenFlow13',
                        help='OVS bridge protocols, e.g. OpenFlow10 or OpenFlow10,OpenFlow13 (default OpenFlow13)')
    parser.add_argument('--loglevel', default='info')
    parser.add_argument('--force', action='store_true',
                        help='build even if bridges/links with our names already exist')
    args = parser.parse_args()

    if os.geteuid() != 0:
        result({'phase': 'final', 'ok': False, 'rounds': [], 'error': 'must run as root'})
        return 2

    setLogLevel(args.loglevel)
    rounds = []
    error = None
    net = None
    started = time.time()
    try:
        topo = build_topo(args.topo)
        taken = [] if args.force else foreign_network(topo)
        if taken:
            raise RuntimeError(
                'names already in use on this machine: %s -- another Mininet network is running '
                '(or a crashed one was left behind: then `mn -c`, which is machine-wide); '
                'refusing to touch it' % ' '.join(taken))
        OFCTL_VERSION[0] = args.protocols.split(',')[0]
        switch = partial(OVSSwitch, datapath='user', protocols=args.protocols)
        # build=False: net exists before anything is created, so finally: net.stop()
        # also removes a half-built network (e.g. an interface name already taken).
        net = Mininet(topo=topo, switch=switch, controller=None,
                      autoSetMacs=True, waitConnected=False, build=False)
        net.addController('c0', controller=PlainRemoteController,
                          ip=args.ip, port=args.port)
        log('starting network %s (%s) -> controller %s:%d' % (args.topo, args.protocols, args.ip, args.port))
        net.build()
        net.start()
        rounds.append(run_round(net, args, 1))

        if args.restart_dir:
            d = args.restart_dir
            touch(os.path.join(d, 'round1.done'))
            log('waiting for %s/controller.stopped' % d)
            if not wait_file(os.path.join(d, 'controller.stopped'), args.signal_timeout):
                raise RuntimeError('no controller.stopped signal within %ss' % args.signal_timeout)
            ok, secs, still = wait_disconnected(net, 15)
            log('switches disconnected=%s after %.2fs %s' % (ok, secs, still or ''))
            if not ok:
                raise RuntimeError('switches still connected 15 s after the controller '
                                   'was stopped: %s' % still)
            for sw in net.switches:
                rc, out = ofctl('del-flows', sw.name)
                if rc != 0:
                    raise RuntimeError('del-flows %s failed: %s' % (sw.name, out))
            left = {sw.name: dump_flows(sw.name) for sw in net.switches}
            log('flows after del-flows: %s' % json.dumps(left))
            touch(os.path.join(d, 'flows.cleared'))
            log('waiting for %s/controller.started' % d)
            if not wait_file(os.path.join(d, 'controller.started'), args.signal_timeout):
                raise RuntimeError('no controller.started signal within %ss' % args.signal_timeout)
            rounds.append(run_round(net, args, 2))
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # pylint: disable=broad-except
        error = '%s: %s' % (type(exc).__name__, exc)
        traceback.print_exc(file=sys.stdout)
    finally:
        error = stop_network(net, error)

    ok = (error is None and bool(rounds)
          and all(r.get('connected') and r.get('loss') == 0.0 for r in rounds))
    result({'phase': 'final', 'ok': ok, 'rounds': [
        {k: r.get(k) for k in ('round', 'connected', 'loss')} for r in rounds],
            'error': error, 'seconds': round(time.time() - started, 2)})
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
