#!/usr/bin/python3
"""Lab 05: a gRPC client of the controller with Debian's python3-grpcio, no generated code.

Debian's protobuf runtime is older than what protoc generates Python for, so the message classes are built at run time
from a descriptor set (sdn.pb, made with protoc; see README.md). Lists the switches, then applies a deny policy.

    /usr/bin/python3 labs/05-grpc-policies/client.py 127.0.0.1:50051 deny-ph2-ph3 00:00:00:00:f6:02 00:00:00:00:f6:03
"""
import os
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

pool = descriptor_pool.DescriptorPool()
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sdn.pb'), 'rb') as f:
    for file_proto in descriptor_pb2.FileDescriptorSet.FromString(f.read()).file:
        pool.Add(file_proto)


def message(name):
    "The Python class of sdn.controller.v1.<name>."
    desc = pool.FindMessageTypeByName('sdn.controller.v1.' + name)
    if hasattr(message_factory, 'GetMessageClass'):
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


def rpc(channel, service, method, request, response):
    "A unary call object for /sdn.controller.v1.<service>/<method>."
    return channel.unary_unary('/sdn.controller.v1.%s/%s' % (service, method),
                               request_serializer=message(request).SerializeToString,
                               response_deserializer=message(response).FromString)


def main(server, policy_id, eth_src, eth_dst):
    channel = grpc.insecure_channel(server)
    switches = rpc(channel, 'Topology', 'ListSwitches', 'ListSwitchesRequest', 'ListSwitchesResponse')(
        message('ListSwitchesRequest')(), timeout=5)
    for sw in switches.switches:
        print('switch %s  %s  OpenFlow %s  %d ports' % (sw.dpid, sw.remote_address, sw.openflow_version, len(sw.ports)))

    deny = pool.FindEnumTypeByName('sdn.controller.v1.AclAction').values_by_name['DENY'].number
    rule = message('AclRule')(action=deny, priority=30, match=message('AclMatch')(eth_src=eth_src, eth_dst=eth_dst))
    policy = message('Policy')(id=policy_id, description='from client.py', acl=[rule])
    try:
        reply = rpc(channel, 'Policies', 'ApplyPolicy', 'ApplyPolicyRequest', 'ApplyPolicyResponse')(
            message('ApplyPolicyRequest')(policy=policy), timeout=10)
    except grpc.RpcError as exc:
        print('ApplyPolicy failed: %s: %s' % (exc.code().name, exc.details()))
        return 1
    print('applied %s, confirmed by %s' % (policy_id, ', '.join(reply.confirmed_dpids)))
    for change in reply.flow_changes:
        print('  ' + change)
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
