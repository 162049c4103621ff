#!/usr/bin/python3
"""gRPC client of the path-intent lab test, with Debian's python3-grpcio (policy_client.py's descriptor set and
calls). Every call has a deadline. Output: ``RESULT {json}`` lines (``"code"`` is the gRPC status name).

    intent_client.py SERVER avoid ID SRC DST DPID_A DPID_B [dry-run]   keep SRC <-> DST (MAC or IPv4) off the A-B link
    intent_client.py SERVER via ID SRC DST DPID                           make SRC <-> DST cross switch DPID
    intent_client.py SERVER delete ID
    intent_client.py SERVER path SRC_MAC DST_MAC                        hops, installed, cookie

``avoid`` and ``delete`` report ``"paths"``: one ``{"src", "dst", "state", "old", "new"}`` per moved path, old and new
as lists of dpids.
"""
import sys

import grpc

from policy_client import TIMEOUT, Client, cls, result


def moved(changes):
    return [{'src': c.src_mac, 'dst': c.dst_mac, 'state': c.state, 'old': [h.dpid for h in c.old_hops],
             'new': [h.dpid for h in c.new_hops]} for c in changes]


class IntentClient(Client):
    def avoid(self, policy_id, src, dst, dpid_a, dpid_b, dry_run):
        link = cls('AvoidLink')(a=cls('SwitchPort')(dpid=dpid_a), b=cls('SwitchPort')(dpid=dpid_b))
        return self.intent(policy_id, cls('PathIntent')(selector=cls('PairSelector')(src=src, dst=dst), avoid_link=link), dry_run)

    def via(self, policy_id, src, dst, dpid):
        waypoint = cls('Waypoint')(dpid=dpid)
        return self.intent(policy_id, cls('PathIntent')(selector=cls('PairSelector')(src=src, dst=dst), waypoint=waypoint), False)

    def intent(self, policy_id, intent, dry_run):
        policy = cls('Policy')(id=policy_id, description='path intent', intents=[intent])
        reply = self.unary('Policies', 'ApplyPolicy', 'ApplyPolicyRequest', 'ApplyPolicyResponse')(
            cls('ApplyPolicyRequest')(policy=policy, dry_run=dry_run), timeout=TIMEOUT)
        return {'paths': moved(reply.path_changes), 'confirmed': list(reply.confirmed_dpids)}

    def delete(self, policy_id):
        reply = self.unary('Policies', 'DeletePolicy', 'DeletePolicyRequest', 'DeletePolicyResponse')(
            cls('DeletePolicyRequest')(id=policy_id), timeout=TIMEOUT)
        return {'paths': moved(reply.path_changes)}

    def path(self, src, dst):
        reply = self.unary('Topology', 'GetPath', 'GetPathRequest', 'GetPathResponse')(
            cls('GetPathRequest')(src_mac=src, dst_mac=dst), timeout=TIMEOUT)
        return {'hops': [{'dpid': h.dpid, 'in_port': h.in_port, 'out_port': h.out_port} for h in reply.hops],
                'installed': reply.installed, 'cookie': reply.cookie}


def main(argv):
    target, command, rest = argv[1], argv[2], argv[3:]
    client = IntentClient(target)
    try:
        if command == 'avoid':
            out = client.avoid(rest[0], rest[1], rest[2], rest[3], rest[4], rest[5:] == ['dry-run'])
        elif command == 'via':
            out = client.via(rest[0], rest[1], rest[2], rest[3])
        elif command == 'delete':
            out = client.delete(rest[0])
        elif command == 'path':
            out = client.path(rest[0], rest[1])
        else:
            raise SystemExit('unknown command %r' % command)
        result(dict(out, phase='final', command=command, code='OK', ok=True))
        return 0
    except grpc.RpcError as exc:
        result({'phase': 'final', 'command': command, 'code': exc.code().name, 'details': exc.details(), 'ok': False})
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
