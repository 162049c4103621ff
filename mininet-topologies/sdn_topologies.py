"""Parameterised Mininet topologies for the SDN controller labs.

Command line (``mn`` exec()s this file and merges the ``topos`` dict)::

    sudo mn --custom mininet-topologies/sdn_topologies.py,mininet-topologies/sdn_controller.py \\
        --topo linear_hosts,3 --controller plainremote,ip=127.0.0.1,port=6653 \\
        --switch ovs,datapath=user,protocols=OpenFlow13

Python API::

    sys.path.insert(0, '<repo>/mininet-topologies')
    from sdn_topologies import LinearHosts, TreeHosts, build_topo
    topo = LinearHosts(3)            # or build_topo('linear,3')

Names, IP order and port numbers are the same as Mininet's built-in ``linear``
and ``tree`` topologies, so ``linear_hosts,N`` == ``linear,N`` and
``tree_hosts,D,F`` == ``tree,D,F`` (checked with ``python3 sdn_topologies.py``).

* ``linear_hosts,N[,M]`` -- N switches s1..sN in a line, M hosts per switch
  (default 1: hosts h1..hN, hi on port 1 of si).
* ``tree_hosts,D,F``     -- complete tree of switches, depth D, fanout F;
  F**D hosts at the leaves.
* ``ring_hosts,N``       -- N switches in a ring, one host each.  Has a loop:
  a plain learning switch or hub floods forever on it (broadcast storm).
"""

from mininet.topo import Topo


class LinearHosts(Topo):
    """n switches in a line, hosts_per_switch hosts on each (same as LinearTopo)."""

    # pylint: disable=arguments-differ
    def build(self, n=3, hosts_per_switch=1, **_opts):
        n = int(n)
        hosts_per_switch = int(hosts_per_switch)
        if n < 1 or hosts_per_switch < 1:
            raise ValueError('linear_hosts needs n >= 1 and hosts_per_switch >= 1')
        last = None
        for i in range(1, n + 1):
            switch = self.addSwitch('s%d' % i)
            for j in range(1, hosts_per_switch + 1):
                name = 'h%d' % i if hosts_per_switch == 1 else 'h%ds%d' % (j, i)
                self.addLink(self.addHost(name), switch)
            if last is not None:
                self.addLink(switch, last)
            last = switch


class TreeHosts(Topo):
    """Complete tree of switches of the given depth and fanout (same as TreeTopo)."""

    # pylint: disable=arguments-differ
    def build(self, depth=2, fanout=2, **_opts):
        depth = int(depth)
        fanout = int(fanout)
        if depth < 1 or fanout < 1:
            raise ValueError('tree_hosts needs depth >= 1 and fanout >= 1')
        self._next_host = 1
        self._next_switch = 1
        self._add_subtree(depth, fanout)

    def _add_subtree(self, depth, fanout):
        if depth == 0:
            node = self.addHost('h%d' % self._next_host)
            self._next_host += 1
            return node
        node = self.addSwitch('s%d' % self._next_switch)
        self._next_switch += 1
        for _ in range(fanout):
            child = self._add_subtree(depth - 1, fanout)
            self.addLink(node, child)
        return node


class RingHosts(Topo):
    """n switches in a ring, one host each.  Contains a loop (see module doc)."""

    # pylint: disable=arguments-differ
    def build(self, n=4, **_opts):
        n = int(n)
        if n < 3:
            raise ValueError('ring_hosts needs n >= 3')
        switches = []
        for i in range(1, n + 1):
            switch = self.addSwitch('s%d' % i)
            self.addLink(self.addHost('h%d' % i), switch)
            switches.append(switch)
        for i in range(n):
            self.addLink(switches[i], switches[(i + 1) % n])


topos = {
    'linear_hosts': LinearHosts,
    'tree_hosts': TreeHosts,
    'ring_hosts': RingHosts,
}


def build_topo(spec):
    """Build a topology from a spec such as 'linear,3', 'tree,2,2', 'linear_hosts,4'.

    'linear', 'tree' and 'ring' are accepted as short names for ours.
    """
    parts = [p.strip() for p in spec.split(',') if p.strip()]
    if not parts:
        raise ValueError('empty topology spec')
    name = parts[0]
    if name in ('linear', 'tree', 'ring'):
        name += '_hosts'
    if name not in topos:
        raise ValueError('unknown topology %r (known: %s)'
                         % (parts[0], ', '.join(sorted(topos))))
    return topos[name](*[int(p) for p in parts[1:]])


def _describe(topo):
    "Links with port numbers, for comparing with Mininet's own topologies."
    links = []
    for src, dst, info in topo.links(sort=True, withInfo=True):
        end1 = (src, info['port1'])
        end2 = (dst, info['port2'])
        links.append(tuple(sorted((end1, end2))))
    return sorted(links), sorted(topo.hosts()), sorted(topo.switches())


if __name__ == '__main__':
    # Self-check: our topologies equal Mininet's built-in ones (no root needed).
    from mininet.topo import LinearTopo
    from mininet.topolib import TreeTopo

    failures = 0
    cases = [((LinearHosts, (n,)), (LinearTopo, (n,))) for n in (1, 2, 3, 5)]
    cases += [((LinearHosts, (3, 2)), (LinearTopo, (3, 2)))]
    cases += [((TreeHosts, (d, f)), (TreeTopo, (d, f)))
              for d, f in ((1, 2), (2, 2), (2, 3), (3, 2))]
    for (ours, oargs), (theirs, targs) in cases:
        same = _describe(ours(*oargs)) == _describe(theirs(*targs))
        failures += 0 if same else 1
        print('%-12s %-8s == %-10s %s' % (ours.__name__, oargs, theirs.__name__,
                                         'OK' if same else 'DIFFERENT'))
    ring = RingHosts(4)
    print('RingHosts (4,) switches=%d hosts=%d links=%d'
          % (len(ring.switches()), len(ring.hosts()), len(ring.links())))
    raise SystemExit(1 if failures else 0)
