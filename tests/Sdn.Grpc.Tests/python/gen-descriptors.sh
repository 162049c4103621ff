#!/usr/bin/env bash
# Regenerates echo_health.pb, the descriptor set conformance.py loads (Debian's python3-protobuf 4.21 cannot run
# the Python code today's protoc generates, so the script builds message classes from descriptors instead).
# Run from anywhere after a restore (protoc comes with Grpc.Tools 2.85.0).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
PROTOC="${PROTOC:-$HOME/.nuget/packages/grpc.tools/2.85.0/tools/linux_x64/protoc}"
"$PROTOC" --descriptor_set_out="$HERE/echo_health.pb" --include_imports \
  -I "$ROOT/tests/Sdn.Grpc.Tests/Protos" -I "$ROOT/proto" \
  echo.proto grpc/health/v1/health.proto grpc/reflection/v1/reflection.proto
