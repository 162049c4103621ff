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
* ``leafspine_hosts,S,L,H`` -- S spines, L leaves, every leaf linked to every
  spine, H hosts per leaf.  Loops (L >= 2 and S >= 2).
* ``fattree_hosts,K``   -- k-ary fat-tree (K even): (K/2)**2 core switches, K
  pods of K/2 aggregation + K/2 edge switches, K/2 hosts per edge switch
  (K**3/4 hosts).  Loops.

``build_topo`` and ``mn --topo`` also take the short names ``ring``,
``leafspine`` and ``fattree``.

Deterministic numbering (all topologies): hosts are h1..hN in the order they
are added, so ``autoSetMacs`` / ``--mac`` gives hI the MAC 00:00:00:00:00:I (hex)
and the IP 10.0.0.I.  The ring, leaf-spine and fat-tree set every dpid and
every port number explicitly (see each class); in leaf-spine and fat-tree the
dpid shows the role in its third byte from the right (0x01 spine/core, 0x02
leaf/aggregation, 0x03 edge) and the pod in the second.  See README.md.
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
    """n switches in a ring, one host each.  Contains a loop (see module doc).

    Switch si has dpid i; port 1 -> host hi, port 2 -> the next switch s(i+1)
    (port 3 there), port 3 -> the previous switch s(i-1); sN's next is s1.
    """

    # pylint: disable=arguments-differ
    def build(self, n=4, **_opts):
        n = int(n)
        if n < 3:
            raise ValueError('ring_hosts needs n >= 3')
        switches = []
        for i in range(1, n + 1):
            switch = self.addSwitch('s%d' % i, dpid='%016x' % i)
            self.addLink(self.addHost('h%d' % i), switch, port1=0, port2=1)
            switches.append(switch)
        for i in range(n):
            self.addLink(switches[i], switches[(i + 1) % n], port1=2, port2=3)


def role_dpid(role, index, group=0):
    "dpid string (16 hex digits): role (1 spine/core, 2 leaf/aggregation, 3 edge), group (pod), index."
    return '%016x' % ((role << 16) | (group << 8) | index)


class LeafSpineHosts(Topo):
    """Leaf-spine (two-tier Clos): every leaf is linked to every spine.

    * spines ``spine1..spineS``, dpid 0x0001_00ii (e.g. spine2 = 0000000000010002);
    * leaves ``leaf1..leafL``, dpid 0x0002_00jj;
    * leaf j port i (1..S) -> spine i port j; leaf j port S+m (1..H) -> host m of leaf j;
    * hosts h1..h(L*H): leaf j has h((j-1)*H+1) .. h(j*H).
    """

    # pylint: disable=arguments-differ
    def build(self, spines=2, leaves=4, hosts_per_leaf=2, **_opts):
        spines, leaves, hosts_per_leaf = int(spines), int(leaves), int(hosts_per_leaf)
        if spines < 1 or leaves < 1 or hosts_per_leaf < 1 or spines > 255 or leaves > 255:
            raise ValueError('leafspine_hosts needs 1..255 spines, 1..255 leaves, hosts_per_leaf >= 1')
        spine_names = [self.addSwitch('spine%d' % i, dpid=role_dpid(1, i)) for i in range(1, spines + 1)]
        host = 0
        for j in range(1, leaves + 1):
            leaf = self.addSwitch('leaf%d' % j, dpid=role_dpid(2, j))
            for i, spine in enumerate(spine_names, start=1):
                self.addLink(leaf, spine, port1=i, port2=j)
            for m in range(1, hosts_per_leaf + 1):
                host += 1
                self.addLink(self.addHost('h%d' % host), leaf, port1=0, port2=spines + m)


class FatTreeHosts(Topo):
    """k-ary fat-tree (Al-Fares et al. 2008), k even.

    * core ``c1..c(k/2)**2``, dpid 0x0001_00jj;
    * pod p (1..k): aggregation ``pPaI``, dpid 0x0002_ppii, and edge ``pPeI``, dpid 0x0003_ppii (i = 1..k/2);
    * edge switch: ports 1..k/2 -> its hosts, port k/2+i -> aggregation i of the pod (port i there);
    * aggregation i: ports 1..k/2 -> edge switches, port k/2+m (m = 1..k/2) -> core (i-1)*k/2+m (port p there);
    * hosts h1..h(k**3/4), numbered pod by pod, edge by edge.
    """

    # pylint: disable=arguments-differ
    def build(self, k=4, **_opts):
        k = int(k)
        if k < 2 or k % 2 or k > 254:
            raise ValueError('fattree_hosts needs an even k, 2..254')
        half = k // 2
        cores = [self.addSwitch('c%d' % j, dpid=role_dpid(1, j)) for j in range(1, half * half + 1)]
        host = 0
        for p in range(1, k + 1):
            aggs = [self.addSwitch('p%da%d' % (p, i), dpid=role_dpid(2, i, p)) for i in range(1, half + 1)]
            for i, agg in enumerate(aggs, start=1):
                for m in range(1, half + 1):
                    self.addLink(agg, cores[(i - 1) * half + m - 1], port1=half + m, port2=p)
            for e in range(1, half + 1):
                edge = self.addSwitch('p%de%d' % (p, e), dpid=role_dpid(3, e, p))
                for i, agg in enumerate(aggs, start=1):
                    self.addLink(edge, agg, port1=half + i, port2=e)
                for m in range(1, half + 1):
                    host += 1
                    self.addLink(self.addHost('h%d' % host), edge, port1=0, port2=m)


topos = {
    'linear_hosts': LinearHosts,
    'tree_hosts': TreeHosts,
    'ring_hosts': RingHosts,
    'leafspine_hosts': LeafSpineHosts,
    'fattree_hosts': FatTreeHosts,
    # short names (Mininet has no built-in ring, leafspine or fattree)
    'ring': RingHosts,
    'leafspine': LeafSpineHosts,
    'fattree': FatTreeHosts,
}


def build_topo(spec):
    """Build a topology from a spec such as 'linear,3', 'tree,2,2', 'linear_hosts,4'.

    'linear', 'tree', 'ring', 'leafspine' and 'fattree' are accepted as short names for ours
    ('linear' and 'tree' give exactly Mininet's own topologies of that name).
    """
    parts = [p.strip() for p in spec.split(',') if p.strip()]
    if not parts:
        raise ValueError('empty topology spec')
    name = parts[0]
    if name in ('linear', 'tree', 'ring', 'leafspine', 'fattree'):
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
    # Our loop topologies: node and link counts, and every switch port used once.
    shapes = [(RingHosts, (4,), 4, 4, 8), (RingHosts, (3,), 3, 3, 6),
              (LeafSpineHosts, (2, 4, 2), 6, 8, 16), (LeafSpineHosts, (3, 2, 1), 5, 2, 8),
              (FatTreeHosts, (4,), 20, 16, 48), (FatTreeHosts, (2,), 5, 2, 6)]
    for cls, targs, nsw, nhost, nlink in shapes:
        topo = cls(*targs)
        links, hosts, switches = _describe(topo)
        ends = [end for link in links for end in link]
        ok = (len(switches), len(hosts), len(links)) == (nsw, nhost, nlink) \
            and len(ends) == len(set(ends)) \
            and hosts == sorted('h%d' % i for i in range(1, nhost + 1))
        failures += 0 if ok else 1
        print('%-14s %-9s switches=%d hosts=%d links=%d %s'
              % (cls.__name__, targs, len(switches), len(hosts), len(links), 'OK' if ok else 'WRONG'))
    raise SystemExit(1 if failures else 0)
