"""Mininet controller class for our OpenFlow controller (or any remote one).

Mininet's stock ``RemoteController`` checks that the controller is reachable
with ``echo A | telnet -e A IP PORT`` and reads telnet's output back.  An
OpenFlow controller answers a new connection with a binary HELLO; echoed into
Mininet's reader, that hangs Mininet (a 0x01 byte) or crashes it (bytes that
are not UTF-8).  ``PlainRemoteController`` replaces that probe with a plain TCP
connect from Python: connect, close, never read.  Nothing else changes.

Command line (``mn`` exec()s this file and merges the ``controllers`` dict)::

    sudo mn --custom mininet-topologies/sdn_controller.py \\
        --controller plainremote,ip=127.0.0.1,port=6653 \\
        --switch ovs,datapath=user,protocols=OpenFlow13 --topo linear,3

Python API::

    sys.path.insert(0, '<repo>/mininet-topologies')
    from sdn_controller import PlainRemoteController
    net = Mininet(topo=..., controller=None, switch=...)
    net.addController('c0', controller=PlainRemoteController,
                      ip='127.0.0.1', port=6653)

Extra keyword argument: ``probe_timeout`` (seconds for each TCP probe,
default 2).  With ``port=None`` it tries 6653 then 6633, like the original.
"""

import socket

from mininet.log import info, warn
from mininet.node import RemoteController


class PlainRemoteController(RemoteController):
    """RemoteController whose liveness check is a plain TCP connect (no telnet)."""

    def __init__(self, name, ip='127.0.0.1', port=None, probe_timeout=2.0,
                 **kwargs):
        # Controller.__init__ calls self.checkListening(), so this must be set
        # first.
        self.probe_timeout = float(probe_timeout)
        if port is not None:
            port = int(port)
        RemoteController.__init__(self, name, ip=ip, port=port, **kwargs)

    def checkListening(self):
        "Warn if the remote controller is not accessible (same logic as Mininet)."
        if self.port is not None:
            self.isListening(self.ip, self.port)
        else:
            for port in (6653, 6633):
                if self.isListening(self.ip, port):
                    self.port = port
                    info('Connecting to remote controller at %s:%d\n'
                         % (self.ip, self.port))
                    break
        if self.port is None:
            self.port = 6653
            warn('Setting remote controller to %s:%d\n' % (self.ip, self.port))

    def isListening(self, ip, port):
        "True if a TCP connection to ip:port succeeds. Never reads from it."
        try:
            sock = socket.create_connection((ip, int(port)),
                                            timeout=self.probe_timeout)
        except OSError as exc:
            warn('Unable to contact the remote controller at %s:%d (%s)\n'
                 % (ip, int(port), exc))
            return False
        try:
            sock.close()
        except OSError:
            pass
        return True


controllers = {'plainremote': PlainRemoteController}
