#!/usr/bin/env bash
# The measurement truth table for one or more gateway kinds (a measurement, not a test: ./run.sh test never runs
# it). For each kind, runs scenarios/suites/truth.yaml (refuse, blackhole, health endpoint 500 on one of three
# backends) N times, then prints, per kind × fault, detection and recovery medians, min/max, CV and how many runs
# fell inside the kind's predicted bound (./run.sh truth-table).
#
#   bench/truth-table.sh [--runs N] [--out FILE] <kind>...      e.g. bench/truth-table.sh --runs 5 builtin haproxy envoy
#
# Exit 0 when every decided run fell inside its bound, 1 when one fell outside (a finding to explain), 2 bad usage.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=5 out="" kinds=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --out) out="${2:?--out needs a file}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "truth-table: unknown option $1 (expected: --runs N, --out FILE)" >&2; exit 2 ;;
    *) kinds+=("$1"); shift ;;
  esac
done
[[ ${#kinds[@]} -gt 0 ]] || { echo "truth-table: name at least one gateway kind (e.g. builtin haproxy)" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "truth-table: --runs $runs (expected: a whole number >= 1)" >&2; exit 2; }
dirs=()
for kind in "${kinds[@]}"; do
  log="$(mktemp)"
  # The gate's own exit (1 when a run fell outside its bound) is not this script's: the table below decides.
  "$ROOT/run.sh" gate "$ROOT/scenarios/suites/truth.yaml" --trials "$runs" --gateway "$kind" | tee "$log" || true
  dir="$(sed -n 's/^summary: \(.*\)\/summary.md$/\1/p' "$log" | tail -1)"
  rm -f "$log"
  [[ -n "$dir" ]] || { echo "truth-table: the gate for $kind wrote no summary" >&2; exit 3; }
  dirs+=("$dir")
done
args=("${dirs[@]}")
[[ -n "$out" ]] && args+=(--out "$out")
exec "$ROOT/run.sh" truth-table "${args[@]}"
