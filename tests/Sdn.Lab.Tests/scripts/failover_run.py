#!/usr/bin/python3
"""Link-failure lab driver (issue 5): probe, cut, restore, measure the outage.

Run as root with Debian's interpreter, always under ``timeout``, against a
running controller with the ShortestPath app and the status API::

    timeout 300 /usr/bin/python3 failover_run.py --topo ring --port 16653 \\
        --api http://127.0.0.1:8080/ --cuts 10 [--check-stale]

1. builds ``ring`` (fs1..fs4) or ``leafspine`` (fsp1-2, fsl1-4) from
   mininet-topologies/failover_topologies.py (own names and dpids: it can run
   next to another Mininet network; it refuses to start if its names exist);
2. waits until GET /v1/topology lists every switch and link, pings the probe
   pair until it answers (the controller learns both hosts and installs paths);
3. starts a UDP probe (udp_probe.py) from the source to the destination host:
   one packet every --interval-ms with sequence number and send time;
4. per cut: reads GET /v1/paths/{src}/{dst}, takes down one of its
   inter-switch links (cut i takes link i mod n of the path as it is then, so
   the cuts alternate) with net.configLinkStatus, keeps it down --down-seconds,
   restores it and waits until the controller lists it again plus
   --up-seconds;
5. outage of a cut = the longest run of missing sequence numbers among packets
   sent between the cut and the restore x interval (``outage_ms``); also the
   send-time span of that run (``outage_span_ms``) and the packets lost;
   the same for the time after the restore (``after_restore``);
6. after the last restore: ping must answer, and (--check-stale) the switches'
   dump-flows / dump-groups are compared with GET /v1/paths: every flow with a
   ShortestPath path cookie (top byte 0x12, lower 56 bits not zero) belongs to
   a listed path, every group on a switch is listed, every listed group exists.

--switch-only --controller-pid PID: after the warm-up (step 2) the controller
is frozen (SIGSTOP, SIGCONT at the end) and every switch pointed at an address
where nothing listens (fail_mode=secure keeps the flows and groups it
installed); the cuts alternate over the links of the warm-up path, which no
longer changes, the restore waits a fixed time instead of the controller, and
step 6 is skipped. Each cut then measures the switches' fast-failover groups
alone, with nothing on the machine reacting but Open vSwitch.

Output: ``RESULT {json}`` lines: one per cut (phase "cut"), then "stale",
then "final" (summary: max / p50 / p95 outage, lost, /v1/convergence).
Exit code 0 when the run completed (targets are judged by the caller), 1 if
something failed on the way.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import traceback
import urllib.error
import urllib.request
from functools import partial

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
sys.path.insert(0, os.path.join(REPO, 'mininet-topologies'))
sys.path.insert(0, HERE)

# pylint: disable=wrong-import-position
from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.node import OVSSwitch

from sdn_controller import PlainRemoteController
from failover_topologies import PROBE_PAIR, build_failover_topo
from pingall_run import foreign_network, remove_own_network
from failover_analysis import (first_after, gaps_in, is_path_cookie, outage_of, percentile, port_down_times, sender_stall_ms,
                               stale_state, parse_flow_cookies, parse_group_ids)

PROBE_PORT = 45045


def result(obj):
    sys.stdout.write('RESULT ' + json.dumps(obj, sort_keys=True) + '\n')
    sys.stdout.flush()


def log(msg):
    sys.stdout.write('### %s %s\n' % (time.strftime('%H:%M:%S'), msg))
    sys.stdout.flush()


def api_get(base, path, timeout=5.0):
    "GET base+path as JSON; None on 404."
    try:
        with urllib.request.urlopen(base.rstrip('/') + path, timeout=timeout) as resp:
            return json.loads(resp.read().decode('utf-8'))
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


def ofctl(*args):
    proc = subprocess.run(['ovs-ofctl', '-O', 'OpenFlow13'] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=15, check=False)
    return proc.returncode, proc.stdout.decode('utf-8', 'replace')


def wait_until(predicate, timeout, step=0.1):
    "Bounded poll; returns (value, seconds)."
    start = time.time()
    while True:
        value = predicate()
        if value or time.time() - start >= timeout:
            return value, round(time.time() - start, 2)
        time.sleep(step)


class Lab:
    "The network, the controller's API and the probe."

    def __init__(self, net, api, topo_name, interval_ms, run_dir):
        self.net = net
        self.api = api
        self.interval_ms = interval_ms
        self.run_dir = run_dir
        src, dst = PROBE_PAIR[topo_name]
        self.src, self.dst = net.get(src), net.get(dst)
        self.by_dpid = {int(s.dpid, 16): s for s in net.switches}
        self.inter_switch = [l for l in net.links
                             if l.intf1.node in net.switches and l.intf2.node in net.switches]
        self.procs = []
        self.frozen_pid = None

    def topology_complete(self):
        "True when the controller lists every switch and both directions of every link."
        topo = api_get(self.api, '/v1/topology') or {}
        return (len(topo.get('switches', [])) == len(self.net.switches)
                and len(topo.get('links', [])) == 2 * len(self.inter_switch))

    def link_listed(self, a, b):
        topo = api_get(self.api, '/v1/topology') or {}
        da, db = int(a.dpid, 16), int(b.dpid, 16)
        return any({int(l['src']['dpid'], 16), int(l['dst']['dpid'], 16)} == {da, db}
                   for l in topo.get('links', []))

    def path(self):
        return api_get(self.api, '/v1/paths/%s/%s' % (self.src.MAC(), self.dst.MAC()))

    def path_links(self, path):
        "The (switch, switch) nodes of each inter-switch link on the path, in order."
        links = []
        for hop in path['hops'][:-1]:
            sw = self.by_dpid[int(hop['dpid'], 16)]
            intf = [i for i, port in sw.ports.items() if port == hop['out_port']][0]
            other = intf.link.intf2 if intf.link.intf1 is intf else intf.link.intf1
            links.append((sw, other.node))
        return links

    def disconnect_controller(self, controller_pid):
        """Freezes the controller (SIGSTOP: it must not see the switches leave, or it would treat them as failed and
        delete their paths on the others), then points every switch at an address where nothing listens
        (tcp:127.0.0.1:1). Not del-controller: OVS flushes a bridge's flow table when its last controller is removed
        (connmgr_set_controllers); with a controller configured but unreachable, fail_mode=secure keeps the flows and
        groups. Returns {switch: [fail mode, path-cookie flows, groups]}; resume_controller undoes the freeze."""
        os.kill(controller_pid, signal.SIGSTOP)
        self.frozen_pid = controller_pid
        for sw in self.net.switches:
            subprocess.run(['ovs-vsctl', '--timeout=5', 'set-controller', sw.name, 'tcp:127.0.0.1:1'],
                           check=True, timeout=15)
        time.sleep(0.5)
        state = {}
        for sw in self.net.switches:
            mode = subprocess.run(['ovs-vsctl', '--timeout=5', 'get-fail-mode', sw.name], stdout=subprocess.PIPE,
                                  check=True, timeout=15).stdout.decode().strip()
            _, flows = ofctl('dump-flows', sw.name)
            _, groups = ofctl('dump-groups', sw.name)
            state[sw.name] = [mode, sum(1 for c in parse_flow_cookies(flows) if is_path_cookie(c)),
                              len(parse_group_ids(groups))]
        return state

    def resume_controller(self):
        "SIGCONT for a controller frozen by disconnect_controller (it then sees its switches gone)."
        if self.frozen_pid:
            try:
                os.kill(self.frozen_pid, signal.SIGCONT)
            except ProcessLookupError:
                pass
            self.frozen_pid = None

    def ping(self, count=3):
        out = self.src.cmd('ping -c %d -i 0.2 -W 1 %s' % (count, self.dst.IP()))
        return ' 0% packet loss' in out, out.strip().splitlines()[-2:] if out.strip() else []

    def start_probe(self, max_seconds):
        script = os.path.join(HERE, 'udp_probe.py')
        self.stop_file = os.path.join(self.run_dir, 'stop')
        self.data_file = os.path.join(self.run_dir, 'received.txt')
        for host, name, argv in (
                (self.dst, 'recv', ['recv', str(PROBE_PORT), self.data_file, self.stop_file, str(max_seconds + 10)]),
                (self.src, 'send', ['send', self.dst.IP(), str(PROBE_PORT), str(self.interval_ms),
                                    self.stop_file, str(max_seconds)])):
            out = open(os.path.join(self.run_dir, name + '.out'), 'w')
            self.procs.append(host.popen(['/usr/bin/python3', script] + argv, stdout=out, stderr=subprocess.STDOUT))
            time.sleep(0.3)

    def stop_probe(self):
        with open(self.stop_file, 'w') as f:
            f.write('stop\n')
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.procs = []
        rows = []
        if os.path.exists(self.data_file):
            with open(self.data_file) as f:
                for line in f:
                    seq, sent, _ = line.split()
                    rows.append((int(seq), float(sent)))
        return rows

    def switch_state(self):
        "{dpid: (flow lines, group lines)} of every switch."
        state = {}
        for sw in self.net.switches:
            _, flows = ofctl('dump-flows', sw.name)
            _, groups = ofctl('dump-groups', sw.name)
            state[int(sw.dpid, 16)] = (flows, groups)
        return state

    def stale_check(self, tries=5):
        "Compares the switches with GET /v1/paths; a few tries for deletions in flight."
        report = None
        for attempt in range(1, tries + 1):
            paths = api_get(self.api, '/v1/paths') or []
            state = self.switch_state()
            flows = {d: parse_flow_cookies(f) for d, (f, _) in state.items()}
            groups = {d: parse_group_ids(g) for d, (_, g) in state.items()}
            report = stale_state(paths, flows, groups)
            report['attempt'] = attempt
            if report['clean']:
                break
            time.sleep(1.0)
        return report


def run_cuts(lab, args, fixed_path=None):
    """Cuts and restores links; returns the timeline of each cut. With fixed_path (--switch-only: no controller),
    the cuts alternate over that path's links and the restore waits a fixed --up-seconds + 0.5 s."""
    timeline = []
    for i in range(args.cuts):
        path = fixed_path or lab.path()
        if path is None:
            raise RuntimeError('cut %d: the controller lists no path %s -> %s' % (i + 1, lab.src.MAC(), lab.dst.MAC()))
        links = lab.path_links(path)
        a, b = links[i % len(links)]
        rec = {'cut': i + 1, 'link': '%s-%s' % (a.name, b.name), 'cookie_before': path['cookie'],
               'path_before': [h['dpid'][-4:] for h in path['hops']]}
        rec['t_down'] = time.time()
        lab.net.configLinkStatus(a.name, b.name, 'down')
        rec['down_cmd_ms'] = round((time.time() - rec['t_down']) * 1000, 1)
        if fixed_path is None:
            moved, secs = wait_until(lambda: (lab.path() or {}).get('cookie', path['cookie']) != path['cookie'],
                                     args.down_seconds, step=0.02)
            rec['controller_moved_path'] = bool(moved)
            rec['path_moved_seen_s'] = secs if moved else None
        remaining = args.down_seconds - (time.time() - rec['t_down'])
        if remaining > 0:
            time.sleep(remaining)
        after = path if fixed_path is not None else (lab.path() or {})
        rec['cookie_after'] = after.get('cookie')
        rec['path_after'] = [h['dpid'][-4:] for h in after.get('hops', [])]
        rec['t_up'] = time.time()
        lab.net.configLinkStatus(a.name, b.name, 'up')
        rec['up_cmd_ms'] = round((time.time() - rec['t_up']) * 1000, 1)
        if fixed_path is None:
            listed, secs = wait_until(lambda: lab.link_listed(a, b), args.relink_timeout, step=0.1)
        else:
            listed, secs = True, 0.5
            time.sleep(secs)
        rec['link_relisted_s'] = secs if listed else None
        time.sleep(args.up_seconds)
        rec['t_next'] = time.time()
        log('cut %d: %s down %.2fs, path %s -> %s, relisted after %s s' % (
            i + 1, rec['link'], args.down_seconds, '-'.join(rec['path_before']),
            '-'.join(rec['path_after']), rec['link_relisted_s']))
        if not listed:
            raise RuntimeError('cut %d: link %s not rediscovered within %ss' % (i + 1, rec['link'], args.relink_timeout))
        timeline.append(rec)
    return timeline


def measure(timeline, rows, interval_ms, controller_log=None):
    """Attaches the outage in each cut window and after each restore; with the controller's log, also when the
    switches' first PORT_STATUS (port down) reached the controller (= when OVS noticed the cut)."""
    gaps = gaps_in(rows)
    downs = []
    if controller_log and os.path.exists(controller_log):
        midnight = time.mktime(time.localtime()[:3] + (0, 0, 0, 0, 0, -1))
        with open(controller_log, errors='replace') as f:
            downs = port_down_times(f.read(), midnight)
    for rec in timeline:
        rec['port_status_ms'] = first_after(downs, rec['t_down'], rec['t_up']) if downs else None
        rec['outage'] = outage_of(gaps, rec['t_down'] - 0.01, rec['t_up'], interval_ms)
        rec['after_restore'] = outage_of(gaps, rec['t_up'], rec['t_next'], interval_ms)
        rec['sender_stall_ms'] = sender_stall_ms(rows, rec['t_down'] - 0.01, rec['t_up'])
        rec['received_after_restore'] = sum(1 for _, s in rows if rec['t_up'] <= s < rec['t_next'])
        result(dict(rec, phase='cut', outage_ms=rec['outage']['outage_ms'],
                    lost=rec['outage']['lost']))
        sys.stdout.write('cut %2d %-10s outage %5.1f ms (span %5.1f ms) lost %4d | PORT_STATUS at +%s ms'
                         ' | sender stall %s ms | after restore: lost %d\n' % (
                             rec['cut'], rec['link'], rec['outage']['outage_ms'], rec['outage']['outage_span_ms'],
                             rec['outage']['lost'], rec['port_status_ms'], rec['sender_stall_ms'],
                             rec['after_restore']['lost']))
    return timeline


def summarize(timeline):
    outages = [r['outage']['outage_ms'] for r in timeline]
    seen = [r['port_status_ms'] for r in timeline if r.get('port_status_ms') is not None]
    return {
        'cuts': len(outages),
        'outage_min_ms': min(outages) if outages else None,
        'outage_p50_ms': percentile(outages, 50),
        'outage_p95_ms': percentile(outages, 95),
        'outage_max_ms': max(outages) if outages else None,
        'lost_total': sum(r['outage']['lost'] for r in timeline),
        'lost_after_restore': sum(r['after_restore']['lost'] for r in timeline),
        'port_status_p50_ms': percentile(seen, 50),
        'port_status_max_ms': max(seen) if seen else None,
    }


def after_restore_checks(lab, args, summary):
    "Ping after the last restore, the stale check (--check-stale) and the controller's convergence histogram."
    pinged, tail = lab.ping(5)
    summary['ping_after_restore'] = pinged
    log('ping after the last restore: %s %s' % (pinged, tail))
    if args.check_stale:
        time.sleep(0.5)
        stale = lab.stale_check()
        result(dict(stale, phase='stale'))
        summary['stale_clean'] = stale['clean']
        log('stale check: %s' % json.dumps(stale))
    summary['convergence'] = api_get(args.api, '/v1/convergence')


def _terminate(signum, _frame):
    raise SystemExit('terminated by signal %d' % signum)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--topo', choices=['ring', 'leafspine'], default='ring')
    p.add_argument('--ip', default='127.0.0.1')
    p.add_argument('--port', type=int, default=16653)
    p.add_argument('--api', help='base URL of the status API, e.g. http://127.0.0.1:8080/')
    p.add_argument('--cuts', type=int, default=5)
    p.add_argument('--interval-ms', type=float, default=1.0)
    p.add_argument('--down-seconds', type=float, default=1.5, help='how long each link stays down')
    p.add_argument('--up-seconds', type=float, default=1.0, help='extra wait after the link is listed again')
    p.add_argument('--relink-timeout', type=float, default=15.0)
    p.add_argument('--discovery-timeout', type=float, default=30.0)
    p.add_argument('--check-stale', action='store_true')
    p.add_argument('--switch-only', action='store_true',
                   help='freeze and disconnect the controller after the warm-up: the cuts measure the fast-failover '
                        'groups alone (needs --controller-pid)')
    p.add_argument('--controller-pid', type=int, help="the controller's process id (--switch-only freezes it)")
    p.add_argument('--controller-log', help="the controller's log: report when each cut's PORT_STATUS arrived")
    p.add_argument('--run-dir', default=os.path.join(REPO, '.lab-logs'))
    p.add_argument('--loglevel', default='warning')
    p.add_argument('--cleanup-only', action='store_true',
                   help="remove this lab's own bridges and links left by a killed run (never `mn -c`), then exit")
    return p.parse_args()


def cleanup_own_network():
    "Deletes only the bridges and interfaces of our topologies (both), if a killed run left them."
    removed = remove_own_network([build_failover_topo(name) for name in ('ring', 'leafspine')])
    log('cleanup: removed %s' % (' '.join(removed) or 'no interfaces'))


def main():
    signal.signal(signal.SIGTERM, _terminate)
    args = parse_args()
    if args.cleanup_only:
        cleanup_own_network()
        return 0
    if not args.api:
        result({'phase': 'final', 'ok': False, 'error': '--api is required'})
        return 2
    if args.switch_only and not args.controller_pid:
        result({'phase': 'final', 'ok': False, 'error': '--switch-only needs --controller-pid'})
        return 2
    if os.geteuid() != 0:
        result({'phase': 'final', 'ok': False, 'error': 'must run as root'})
        return 2
    setLogLevel(args.loglevel)
    net, lab, error, summary, timeline = None, None, None, {}, []
    started = time.time()
    run_dir = os.path.join(args.run_dir, 'failover-%s-%d' % (args.topo, os.getpid()))
    os.makedirs(run_dir, exist_ok=True)
    try:
        topo = build_failover_topo(args.topo)
        taken = foreign_network(topo)
        if taken:
            raise RuntimeError('names already in use: %s -- refusing to touch them' % ' '.join(taken))
        switch = partial(OVSSwitch, datapath='user', protocols='OpenFlow13')
        net = Mininet(topo=topo, switch=switch, controller=None, autoSetMacs=False,
                      waitConnected=False, build=False)
        net.addController('fc0', controller=PlainRemoteController, ip=args.ip, port=args.port)
        log('starting %s -> controller %s:%d, api %s' % (args.topo, args.ip, args.port, args.api))
        net.build()
        net.start()
        net.staticArp()
        lab = Lab(net, args.api, args.topo, args.interval_ms, run_dir)
        ok, secs = wait_until(lab.topology_complete, args.discovery_timeout, step=0.25)
        log('topology complete=%s after %.2fs' % (ok, secs))
        if not ok:
            raise RuntimeError('the controller did not list every switch and link within %ss: %s'
                               % (args.discovery_timeout, json.dumps(api_get(args.api, '/v1/topology'))))
        pinged, secs = wait_until(lambda: lab.ping(2)[0], 20, step=0.5)
        if not pinged:
            raise RuntimeError('warm-up ping %s -> %s never answered' % (lab.src.name, lab.dst.name))
        warm_path = lab.path()
        log('warm-up ping answered after %.2fs; path %s' % (secs, json.dumps(warm_path)))
        fixed_path = None
        if args.switch_only:
            state = lab.disconnect_controller(args.controller_pid)
            log('controller disconnected; fail mode and path flows per switch: %s' % json.dumps(state))
            if any(mode != 'secure' for mode, _, _ in state.values()) or not any(n for _, n, _ in state.values()):
                raise RuntimeError('--switch-only needs fail_mode=secure and the path flows kept: %s' % json.dumps(state))
            fixed_path = warm_path
        budget = args.cuts * (args.down_seconds + args.up_seconds + args.relink_timeout) + 30
        lab.start_probe(budget)
        time.sleep(1.0)
        timeline = run_cuts(lab, args, fixed_path)
        rows = lab.stop_probe()
        log('probe: %d packets received' % len(rows))
        if not rows:
            raise RuntimeError('the probe received nothing')
        measure(timeline, rows, args.interval_ms, args.controller_log)
        summary = summarize(timeline)
        summary['switch_only'] = args.switch_only
        if not args.switch_only:  # without a controller: no ping (reverse flows idle out), stale check or convergence
            after_restore_checks(lab, args, summary)
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # pylint: disable=broad-except
        error = '%s: %s' % (type(exc).__name__, exc)
        traceback.print_exc(file=sys.stdout)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if lab is not None:
            lab.resume_controller()
        if lab is not None and lab.procs:
            for proc in lab.procs:
                proc.kill()
        if net is not None:
            try:
                net.stop()
            except Exception as exc:  # pylint: disable=broad-except
                error = error or 'net.stop failed: %s' % exc
    summary.update(phase='final', ok=error is None, error=error, topo=args.topo,
                   seconds=round(time.time() - started, 1), load=os.getloadavg())
    result(summary)
    return 0 if error is None else 1


if __name__ == '__main__':
    sys.exit(main())
