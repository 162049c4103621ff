#!/usr/bin/env bash
# Runs every test of the repository on a Debian 12 machine: unit tests and the lab tests
# (real Open vSwitch + Mininet against the Release build of the controller).
#
#   ./scripts/test.sh            # from anywhere; needs root (or sudo) for packages and the lab tests
#
# Steps: install missing system packages -> start Open vSwitch -> dotnet build -c Release ->
# dotnet test each unit test project -> dotnet test the lab tests -> print "N passed, N failed".
# Exit status is non-zero if anything failed or if no test ran at all.
# Logs and .trx results: <repo>/.lab-logs/test-results/
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RESULTS="$ROOT/.lab-logs/test-results"
LAB_PROJECT=tests/Sdn.Lab.Tests
# Every other test project under tests/ (tests/Sdn.OpenFlow.Tests, tests/Sdn.Controller.Core.Tests,
# tests/Sdn.Controller.Apps.Tests, ...), found at run time so new projects are never forgotten.
UNIT_PROJECTS=()
for csproj in tests/*/*.csproj; do
  dir="$(dirname "$csproj")"
  [ "$dir" = "$LAB_PROJECT" ] || UNIT_PROJECTS+=("$dir")
done
# The OpenFlow ports the lab tests use (SDN_LAB_PORTS=16653,16633 moves them on a shared machine).
LAB_PORTS="${SDN_LAB_PORTS:-6653,6633}"
PACKAGES=(openvswitch-switch mininet iproute2 iputils-ping psmisc tshark python3-grpcio python3-protobuf)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi

log() { printf '\n=== %s\n' "$*"; }

# ---------------------------------------------------------------- system packages
missing=()
for tool in ovs-vsctl mn ping tshark ip killall; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ -x /usr/bin/python3 ] || missing+=(/usr/bin/python3)
if [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c 'import grpc, google.protobuf' >/dev/null 2>&1; then
  missing+=(python3-grpcio)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing system packages (missing: ${missing[*]})"
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${PACKAGES[@]}" </dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "dotnet is not installed / not on PATH (the .NET 10 SDK is required)." >&2
  echo "0 passed, 0 failed"
  exit 1
fi

# ---------------------------------------------------------------- Open vSwitch
# The kernel may have no OVS module: everything uses the userspace datapath (datapath_type=netdev).
if ! "${SUDO[@]}" ovs-vsctl --timeout=5 show >/dev/null 2>&1; then
  log "starting Open vSwitch"
  # Prints "Kernel has no loadable module support" and a ulimit error in containers: harmless.
  "${SUDO[@]}" /usr/share/openvswitch/scripts/ovs-ctl start --system-id=random || true
fi
if ! "${SUDO[@]}" ovs-vsctl --timeout=5 show >/dev/null 2>&1; then
  echo "Open vSwitch is not running and could not be started (ovs-ctl start --system-id=random)." >&2
  echo "0 passed, 0 failed"
  exit 1
fi

# ---------------------------------------------------------------- stale controllers
# Kill only sdn-controller processes started from THIS checkout (its Release/Debug build output),
# one by one by pid; anything else holding 6653/6633 is reported and makes the lab tests fail clearly.
stale=()
for dir in /proc/[0-9]*; do
  pid="${dir#/proc/}"
  [ "$pid" = "$$" ] && continue
  cmdline="$(tr '\0' ' ' <"$dir/cmdline" 2>/dev/null || true)"
  case "$cmdline" in
    *"$ROOT/src/Sdn.Controller.Host/bin/"*sdn-controller*) stale+=("$pid") ;;
  esac
done
if [ "${#stale[@]}" -gt 0 ]; then
  log "stopping stale controllers of this checkout: ${stale[*]}"
  for pid in "${stale[@]}"; do "${SUDO[@]}" kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alive=0
    for pid in "${stale[@]}"; do [ -d "/proc/$pid" ] && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.1
  done
  for pid in "${stale[@]}"; do [ -d "/proc/$pid" ] && "${SUDO[@]}" kill -9 "$pid" 2>/dev/null || true; done
fi
if command -v ss >/dev/null 2>&1; then
  held="$("${SUDO[@]}" ss -ltnpH "( sport = :${LAB_PORTS%%,*} or sport = :${LAB_PORTS##*,} )" 2>/dev/null || true)"
  if [ -n "$held" ]; then
    echo "WARNING: something else listens on $LAB_PORTS; the lab tests will fail until it is stopped:" >&2
    echo "$held" >&2
  fi
fi

# ---------------------------------------------------------------- build
log "dotnet build Controller.sln -c Release"
if ! dotnet build Controller.sln -c Release; then
  echo "BUILD FAILED" >&2
  echo "0 passed, 0 failed"
  exit 1
fi

# ---------------------------------------------------------------- tests
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
total_passed=0
total_failed=0
summary=()

# run_tests PROJECT TIMEOUT [prefix command...]
run_tests() {
  local project="$1" limit="$2"
  shift 2
  local name rc trx passed failed total
  name="$(basename "$project")"
  log "dotnet test $project"
  set +e
  timeout --kill-after=30 "$limit" "$@" dotnet test "$project" --no-build -c Release \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=$name.trx" \
    --results-directory "$RESULTS" \
    --blame-hang --blame-hang-dump-type none --blame-hang-timeout 20m \
    </dev/null 2>&1 | tee "$RESULTS/$name.log"
  rc="${PIPESTATUS[0]}"
  set -e

  passed=0 failed=0 total=0
  if [ -f "$RESULTS/$name.trx" ]; then
    local counters
    counters="$(grep -o '<Counters [^>]*>' "$RESULTS/$name.trx" | head -n 1 || true)"
    passed="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    failed="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
    total="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
    passed="${passed:-0}" failed="${failed:-0}" total="${total:-0}"
  else
    # No .trx: fall back to the console summary ("Passed!  - Failed: 0, Passed: 12, ...").
    local line
    line="$(grep -E '^(Passed|Failed)! +- Failed: ' "$RESULTS/$name.log" | tail -n 1 || true)"
    if [ -n "$line" ]; then
      failed="$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line")"
      passed="$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line")"
      total="$(sed -E 's/.*Total: +([0-9]+).*/\1/' <<<"$line")"
    fi
  fi
  # Errors, aborted runs and tests that never finished count as failures.
  local other=$((total - passed - failed))
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test $project exited with $rc without a failed test: counted as 1 failure" >&2
    failed=1
  fi
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  summary+=("$(printf '%-32s passed %4d  failed %4d  other %3d  (exit %s)' "$name" "$passed" "$failed" "$other" "$rc")")
  if [ "$total" -eq 0 ]; then
    echo "WARNING: $project ran no tests" >&2
  fi
}

for project in "${UNIT_PROJECTS[@]}"; do
  run_tests "$project" 20m
done

# Lab tests need root (Mininet, OVS); keep PATH so sudo finds dotnet.
if [ "${#SUDO[@]}" -gt 0 ]; then
  keep_env=("PATH=$PATH")
  [ -n "${DOTNET_ROOT:-}" ] && keep_env+=("DOTNET_ROOT=$DOTNET_ROOT")
  [ -n "${SDN_LAB_CONTROLLER_DLL:-}" ] && keep_env+=("SDN_LAB_CONTROLLER_DLL=$SDN_LAB_CONTROLLER_DLL")
  [ -n "${SDN_LAB_PORTS:-}" ] && keep_env+=("SDN_LAB_PORTS=$SDN_LAB_PORTS")
  run_tests "$LAB_PROJECT" 40m sudo env "${keep_env[@]}"
else
  run_tests "$LAB_PROJECT" 40m
fi

log "summary (details: $RESULTS)"
printf '%s\n' "${summary[@]}"
if [ "$total_failed" -ne 0 ] && [ -x /usr/bin/python3 ]; then
  log "failed tests"
  /usr/bin/python3 "$ROOT/scripts/trx-failures.py" "$RESULTS"/*.trx || true
fi
echo "$total_passed passed, $total_failed failed"
if [ "$total_failed" -ne 0 ] || [ $((total_passed + total_failed)) -eq 0 ]; then
  exit 1
fi
exit 0
