#!/usr/bin/python3
"""gRPC client of the policy lab tests (issue 6), with Debian's python3-grpcio and a descriptor set.

Debian's protobuf runtime is older than what protoc generates Python for, so the message classes come from the
descriptor set tests/Sdn.Controller.Host.Tests/python/sdn.pb (made by gen-descriptors.sh there). Every call has a
deadline. Output: ``RESULT {json}`` lines (``"code"`` is the gRPC status name).

    policy_client.py SERVER apply ID PRIORITY ETH_SRC ETH_DST   deny ETH_SRC -> ETH_DST
    policy_client.py SERVER apply-policy JSON                   any policy, proto3 JSON (e.g. DENY + ALLOW rules)
    policy_client.py SERVER delete ID
    policy_client.py SERVER list
    policy_client.py SERVER path SRC_MAC DST_MAC
    policy_client.py SERVER watch SECONDS KIND...               e.g. watch 60 LINK_DOWN PATH_REROUTED
    policy_client.py SERVER flows DPID                          Flows.ListFlows
    policy_client.py SERVER port-stats DPID                     Flows.GetPortStats
    policy_client.py SERVER add-flow DPID PRIORITY ETH_SRC ETH_DST COOKIE [PORT...]   no PORT = drop
    policy_client.py SERVER delete-flow DPID PRIORITY ETH_SRC ETH_DST                 exactly that entry

``watch`` proves its stream is live before it says so: it also subscribes to POLICY_APPLIED and applies a marker
policy (id ``watch-marker``, matching a MAC no host has) every 0.5 s until that event arrives, deletes the marker, prints
``{"phase": "watching"}``, then prints every event (``{"phase": "event"}``) until each KIND was seen or SECONDS passed,
and ends with ``{"phase": "final", "seen": [...], "missing": [...]}`` (exit 0 only when nothing is missing).
"""
import json
import os
import sys
import threading
import time

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

HERE = os.path.dirname(os.path.abspath(__file__))
DESCRIPTORS = os.environ.get('SDN_DESCRIPTORS') or os.path.join(
    HERE, '..', '..', 'Sdn.Controller.Host.Tests', 'python', 'sdn.pb')
V1 = 'sdn.controller.v1.'
TIMEOUT = 15.0
MARKER = 'watch-marker'

pool = descriptor_pool.DescriptorPool()
with open(DESCRIPTORS, 'rb') as f:
    for file_proto in descriptor_pb2.FileDescriptorSet.FromString(f.read()).file:
        pool.Add(file_proto)


def cls(name):
    desc = pool.FindMessageTypeByName(V1 + name)
    if hasattr(message_factory, 'GetMessageClass'):
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


def enum(name, value):
    return pool.FindEnumTypeByName(V1 + name).values_by_name[value].number


def kind_name(number):
    return pool.FindEnumTypeByName(V1 + 'EventKind').values_by_number[number].name


def result(obj):
    sys.stdout.write('RESULT ' + json.dumps(obj, sort_keys=True) + '\n')
    sys.stdout.flush()


class Client:
    def __init__(self, target):
        self.channel = grpc.insecure_channel(target)

    def unary(self, service, method, req, resp):
        return self.channel.unary_unary('/%s%s/%s' % (V1, service, method), request_serializer=cls(req).SerializeToString,
                                        response_deserializer=cls(resp).FromString)

    def apply(self, policy_id, priority, eth_src, eth_dst):
        rule = cls('AclRule')(action=enum('AclAction', 'DENY'), priority=priority,
                              match=cls('AclMatch')(eth_src=eth_src, eth_dst=eth_dst))
        policy = cls('Policy')(id=policy_id, description='deny %s -> %s' % (eth_src, eth_dst), acl=[rule])
        reply = self.unary('Policies', 'ApplyPolicy', 'ApplyPolicyRequest', 'ApplyPolicyResponse')(
            cls('ApplyPolicyRequest')(policy=policy), timeout=TIMEOUT)
        return {'changes': list(reply.flow_changes), 'confirmed': list(reply.confirmed_dpids)}

    def apply_policy(self, text):
        policy = json_format.ParseDict(json.loads(text), cls('Policy')())
        reply = self.unary('Policies', 'ApplyPolicy', 'ApplyPolicyRequest', 'ApplyPolicyResponse')(
            cls('ApplyPolicyRequest')(policy=policy), timeout=TIMEOUT)
        return {'changes': list(reply.flow_changes), 'confirmed': list(reply.confirmed_dpids)}

    def delete(self, policy_id):
        reply = self.unary('Policies', 'DeletePolicy', 'DeletePolicyRequest', 'DeletePolicyResponse')(
            cls('DeletePolicyRequest')(id=policy_id), timeout=TIMEOUT)
        return {'changes': list(reply.flow_changes)}

    def list(self):
        reply = self.unary('Policies', 'ListPolicies', 'ListPoliciesRequest', 'ListPoliciesResponse')(
            cls('ListPoliciesRequest')(), timeout=TIMEOUT)
        return {'policies': [{'id': p.id, 'rules': [{'priority': r.priority, 'eth_src': r.match.eth_src,
                                                     'eth_dst': r.match.eth_dst} for r in p.acl]} for p in reply.policies]}

    def path(self, src, dst):
        reply = self.unary('Topology', 'GetPath', 'GetPathRequest', 'GetPathResponse')(
            cls('GetPathRequest')(src_mac=src, dst_mac=dst), timeout=TIMEOUT)
        return {'hops': [{'dpid': h.dpid, 'in_port': h.in_port, 'out_port': h.out_port} for h in reply.hops]}

    def flows(self, dpid):
        reply = self.unary('Flows', 'ListFlows', 'ListFlowsRequest', 'ListFlowsResponse')(
            cls('ListFlowsRequest')(dpid=dpid), timeout=TIMEOUT)
        return {'flows': [{'table_id': f.table_id, 'priority': f.priority, 'cookie': f.cookie, 'match': f.match,
                           'actions': f.actions, 'packet_count': f.packet_count} for f in reply.flows]}

    def port_stats(self, dpid):
        reply = self.unary('Flows', 'GetPortStats', 'GetPortStatsRequest', 'GetPortStatsResponse')(
            cls('GetPortStatsRequest')(dpid=dpid), timeout=TIMEOUT)
        return {'ports': [{'port': p.port, 'rx_packets': p.rx_packets, 'tx_packets': p.tx_packets,
                           'rx_bytes': p.rx_bytes, 'tx_bytes': p.tx_bytes} for p in reply.ports]}

    def add_flow(self, dpid, priority, eth_src, eth_dst, cookie, ports):
        reply = self.unary('Flows', 'AddFlow', 'AddFlowRequest', 'AddFlowResponse')(
            cls('AddFlowRequest')(dpid=dpid, priority=priority, cookie=cookie, output_ports=ports,
                                  match=cls('AclMatch')(eth_src=eth_src, eth_dst=eth_dst)), timeout=TIMEOUT)
        return {'cookie': reply.cookie}

    def delete_flow(self, dpid, priority, eth_src, eth_dst):
        self.unary('Flows', 'DeleteFlow', 'DeleteFlowRequest', 'DeleteFlowResponse')(
            cls('DeleteFlowRequest')(dpid=dpid, priority=priority, match=cls('AclMatch')(eth_src=eth_src, eth_dst=eth_dst)),
            timeout=TIMEOUT)
        return {}

    def watch(self, seconds, kinds):
        wanted = [enum('EventKind', k) for k in kinds]
        stream = self.channel.unary_stream('/%sEvents/WatchEvents' % V1, request_serializer=cls('WatchEventsRequest').SerializeToString,
                                           response_deserializer=cls('Event').FromString)(
            cls('WatchEventsRequest')(kinds=wanted + [enum('EventKind', 'POLICY_APPLIED')]), timeout=seconds + 30)
        live, seen, done = threading.Event(), [], threading.Event()

        def consume():
            try:
                for evt in stream:
                    name = kind_name(evt.kind)
                    if name == 'POLICY_APPLIED' and evt.policy_id == MARKER:
                        live.set()
                        continue
                    seen.append(name)
                    result({'phase': 'event', 'kind': name, 'description': evt.description,
                            'time': evt.time.ToJsonString()})
                    if all(k in seen for k in kinds):
                        break
            except grpc.RpcError as exc:
                if exc.code() != grpc.StatusCode.CANCELLED:
                    result({'phase': 'stream-error', 'code': exc.code().name, 'details': exc.details()})
            finally:
                done.set()

        threading.Thread(target=consume, daemon=True).start()
        deadline = time.monotonic() + 30
        while not live.is_set() and time.monotonic() < deadline and not done.is_set():
            self.apply(MARKER, 1, '02:00:00:00:00:99', '02:00:00:00:00:98')
            live.wait(0.5)
        if not live.is_set():
            stream.cancel()
            return {'live': False, 'seen': seen, 'missing': kinds}
        self.delete(MARKER)
        result({'phase': 'watching'})
        done.wait(seconds)
        stream.cancel()
        return {'live': True, 'seen': seen, 'missing': [k for k in kinds if k not in seen]}


def main(argv):
    target, command, rest = argv[1], argv[2], argv[3:]
    client = Client(target)
    try:
        if command == 'apply':
            out = client.apply(rest[0], int(rest[1]), rest[2], rest[3])
        elif command == 'apply-policy':
            out = client.apply_policy(rest[0])
        elif command == 'delete':
            out = client.delete(rest[0])
        elif command == 'list':
            out = client.list()
        elif command == 'path':
            out = client.path(rest[0], rest[1])
        elif command == 'watch':
            out = client.watch(float(rest[0]), rest[1:])
        elif command == 'flows':
            out = client.flows(rest[0])
        elif command == 'port-stats':
            out = client.port_stats(rest[0])
        elif command == 'add-flow':
            out = client.add_flow(rest[0], int(rest[1]), rest[2], rest[3], int(rest[4], 0), [int(p) for p in rest[5:]])
        elif command == 'delete-flow':
            out = client.delete_flow(rest[0], int(rest[1]), rest[2], rest[3])
        else:
            raise SystemExit('unknown command %r' % command)
        ok = not out.get('missing') and out.get('live', True)
        result(dict(out, phase='final', command=command, code='OK', ok=ok))
        return 0 if ok else 1
    except grpc.RpcError as exc:
        result({'phase': 'final', 'command': command, 'code': exc.code().name, 'details': exc.details(), 'ok': False})
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
