#!/usr/bin/env bash
# Whole-process time of `pledge check` on a generated policy of 1,000 activities and 5,000 fields,
# against the start-up of the same binary doing nothing (`--version`) in the same run.
# Usage: bench/policy-check.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
dotnet run -c Release --project "$root/bench/Pledge.Bench" -- generate-policy "$dir" 1000 5000 >/dev/null
"$root/pledge" --version >/dev/null   # build once, outside the measurement
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() {
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median
}
check=$(measure "$root/pledge" check "$dir/policy.yaml")
startup=$(measure "$root/pledge" --version)
"$root/pledge" check "$dir/policy.yaml" 2>&1 | tail -1
printf 'policy: %s in %s files\n' "$(du -sh "$dir" | cut -f1)" "$(find "$dir" -name '*.yaml' | wc -l)"
printf 'pledge check, whole process, median of %s: %.3f s\n' "$runs" "$check"
printf 'baseline (pledge --version, start-up only):  %.3f s\n' "$startup"
printf 'ratio check/start-up: %.1fx; target: under 1 s wall\n' "$(echo "$check / $startup" | bc -l)"
