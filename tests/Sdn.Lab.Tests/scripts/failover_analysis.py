"""Pure functions of the link-failure lab (no Mininet): probe gaps, outage,
percentiles, and the comparison of switch state with the controller's paths.

    /usr/bin/python3 failover_analysis.py     # runs its self-test
"""

import re

PATH_APP_ID = 0x12
LOW_56 = (1 << 56) - 1


def gaps_in(rows):
    """Gaps in the received sequence numbers. rows: (seq, send_time) in any order.
    Returns (send_time_before, send_time_after, missing_count) per gap, by time."""
    by_seq = sorted(set(rows))
    gaps = []
    for (seq_a, t_a), (seq_b, t_b) in zip(by_seq, by_seq[1:]):
        if seq_b - seq_a > 1:
            gaps.append((t_a, t_b, seq_b - seq_a - 1))
    return gaps


def outage_of(gaps, start, end, interval_ms):
    """The worst gap that began in [start, end): outage_ms = missing run x interval,
    outage_span_ms = send-time span of the missing packets; lost = all missing."""
    inside = [g for g in gaps if start <= g[0] < end]
    worst = max(inside, key=lambda g: g[2], default=None)
    return {
        'outage_ms': round(worst[2] * interval_ms, 1) if worst else 0.0,
        'outage_span_ms': round(max(0.0, (worst[1] - worst[0]) * 1000.0 - interval_ms), 1) if worst else 0.0,
        'lost': sum(g[2] for g in inside),
        'gaps': len(inside),
    }


def sender_stall_ms(rows, start, end):
    """Longest pause of the sender between consecutive sequence numbers sent in [start, end), both received
    (ms). A stall as long as an outage means the probe may have slept through it: that cut's figure is a floor."""
    by_seq = sorted(set(r for r in rows if start <= r[1] < end))
    pauses = [(t_b - t_a) * 1000.0 for (s_a, t_a), (s_b, t_b) in zip(by_seq, by_seq[1:]) if s_b == s_a + 1]
    return round(max(pauses), 1) if pauses else None


def percentile(values, pct):
    "Nearest-rank percentile (the smallest value with at least pct % at or below it)."
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


_COOKIE = re.compile(r'cookie=0x([0-9a-f]+)')
_GROUP = re.compile(r'group_id=(\d+)')


def parse_flow_cookies(dump):
    "Cookies of the flows in ovs-ofctl dump-flows output."
    return [int(m.group(1), 16) for m in (_COOKIE.search(l) for l in dump.splitlines()) if m]


def parse_group_ids(dump):
    "Group ids in ovs-ofctl dump-groups output."
    return sorted(int(m.group(1)) for m in (_GROUP.search(l) for l in dump.splitlines()) if m)


def is_path_cookie(cookie):
    "A ShortestPath path flow: app id 0x12 in the top byte, a path id below (the flood rules have 0)."
    return cookie >> 56 == PATH_APP_ID and cookie & LOW_56 != 0


def stale_state(paths, flows, groups):
    """paths: GET /v1/paths; flows: {dpid: [cookie]}; groups: {dpid: [group id]}.
    Stale flow = path cookie not listed; stale group = on a switch, not listed;
    missing group = listed, not on its switch."""
    cookies = {int(p['cookie'], 16) for p in paths}
    listed = {(int(g['dpid'], 16), g['group_id']) for p in paths for g in p.get('groups', [])}
    present = {(d, g) for d, ids in groups.items() for g in ids}
    stale_flows = sorted({'%016x@%x' % (c, d) for d, cs in flows.items() for c in cs
                          if is_path_cookie(c) and c not in cookies})
    path_flows = sum(1 for cs in flows.values() for c in cs if is_path_cookie(c))
    report = {
        'paths': len(paths),
        'path_flows': path_flows,
        'groups_on_switches': len(present),
        'groups_listed': len(listed),
        'stale_flows': stale_flows,
        'stale_groups': sorted('%d@%x' % (g, d) for d, g in present - listed),
        'missing_groups': sorted('%d@%x' % (g, d) for d, g in listed - present),
    }
    report['clean'] = not (report['stale_flows'] or report['stale_groups'] or report['missing_groups'])
    return report


_PORT_DOWN = re.compile(r'^\[(\d\d:\d\d:\d\d\.\d{3}) \w+\] Switch dpid=\S+ port \d+ \(\S+\) Modify: down')


def port_down_times(log_text, day_start):
    """Times (epoch s) at which the controller logged a PORT_STATUS 'Modify: down', from its log lines
    '[HH:MM:SS.fff INF] Switch dpid=... port N (name) Modify: down' (local time of day + day_start)."""
    times = []
    for line in log_text.splitlines():
        m = _PORT_DOWN.match(line)
        if m:
            h, mi, rest = m.group(1).split(':')
            times.append(day_start + int(h) * 3600 + int(mi) * 60 + float(rest))
    return times


def first_after(times, start, end):
    "Milliseconds from start to the first time in [start - 5 ms, end), or None."
    inside = [t for t in times if start - 0.005 <= t < end]
    return round((min(inside) - start) * 1000.0, 1) if inside else None


def _self_test():
    rows = [(0, 1.000), (1, 1.001), (5, 1.005), (6, 1.006), (9, 1.009)]
    gaps = gaps_in(rows)
    assert gaps == [(1.001, 1.005, 3), (1.006, 1.009, 2)], gaps
    out = outage_of(gaps, 1.0, 2.0, 1.0)
    assert out['outage_ms'] == 3.0 and out['lost'] == 5 and out['gaps'] == 2, out
    assert outage_of(gaps, 1.002, 1.006, 1.0)['lost'] == 0
    assert sender_stall_ms(rows, 1.0, 2.0) == 1.0 and sender_stall_ms([(0, 1.0), (1, 1.02)], 0, 2) == 20.0
    assert percentile([5, 1, 3, 2, 4], 50) == 3 and percentile(list(range(1, 21)), 95) == 19
    assert percentile([7], 95) == 7 and percentile([], 50) is None
    dump = (' cookie=0x1200000000000003, duration=1s, table=0, priority=100,dl_src=..\n'
            ' cookie=0x1200000000000000, priority=50 actions=..\n'
            ' cookie=0x1200000000000009, priority=110 in_port=2 ..\n')
    assert parse_flow_cookies(dump) == [0x1200000000000003, 0x1200000000000000, 0x1200000000000009]
    assert parse_group_ids('OFPST_GROUP_DESC reply (OF1.3):\n group_id=2,type=ff,bucket=..\n group_id=1,type=ff\n') == [1, 2]
    paths = [{'cookie': '1200000000000003', 'groups': [{'dpid': '00000000f5010001', 'group_id': 1}]}]
    dp = 0xf5010001
    clean = stale_state(paths, {dp: [0x1200000000000003, 0x1200000000000000]}, {dp: [1]})
    assert clean['clean'], clean
    dirty = stale_state(paths, {dp: [0x1200000000000009]}, {dp: [2]})
    assert dirty['stale_flows'] == ['1200000000000009@f5010001'], dirty
    assert dirty['stale_groups'] == ['2@f5010001'] and dirty['missing_groups'] == ['1@f5010001'], dirty
    assert not dirty['clean']
    log = ('[10:00:01.020 INF] Switch dpid=0000000000f50102 port 2 (fs2-eth2) Modify: down\n'
           '[10:00:01.021 INF] Switch dpid=0000000000f50101 port 2 (fs1-eth2) Modify: up\n')
    times = port_down_times(log, 1000.0)
    assert times == [1000.0 + 36001.02], times
    assert first_after(times, 1000.0 + 36001.0, 1000.0 + 36002.0) == 20.0
    assert first_after(times, 1000.0 + 36001.1, 1000.0 + 36002.0) is None
    print('failover_analysis self-test ok')


if __name__ == '__main__':
    _self_test()
