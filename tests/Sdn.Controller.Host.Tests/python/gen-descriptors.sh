#!/usr/bin/env bash
# Regenerates sdn.pb: the descriptor set of the controller's API (proto/sdn/controller/v1 + grpc health) for
# Debian's python3-grpcio (its protobuf runtime is older than what protoc generates Python for).
# Run from anywhere after a restore (protoc comes with Grpc.Tools 2.85.0).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
TOOLS="${GRPC_TOOLS:-$HOME/.nuget/packages/grpc.tools/2.85.0}"
"$TOOLS/tools/linux_x64/protoc" --descriptor_set_out="$HERE/sdn.pb" --include_imports \
  -I "$ROOT/proto" -I "$TOOLS/build/native/include" \
  sdn/controller/v1/topology.proto sdn/controller/v1/events.proto sdn/controller/v1/policies.proto sdn/controller/v1/flows.proto grpc/health/v1/health.proto grpc/reflection/v1/reflection.proto
