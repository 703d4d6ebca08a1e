#!/usr/bin/env bash
# Redaction throughput on one core: `pledge redact` (all detectors, known values, tag operator) against GNU
# `sed -E` with e-mail and IPv4 patterns on the same generated log, plus peak memory at two input sizes,
# `pledge redact --detect email,ipv4` as the like-for-like row, and the pseudonym operator (a throw-away key).
# `./pledge redact` runs pledge-redact, the native build of the command (rows "pledge-redact ..."); the same command
# in the JIT-compiled CLI (`dotnet Pledge.Cli.dll redact`) is measured beside it (rows "cli ...").
# Ratios are given on wall time and on CPU time (user + system): on a machine shared with other work the wall
# figures move with the load, CPU time much less.
# Usage: bench/redaction.sh [SIZE]   (default 200MB). Needs taskset and GNU time (apt-get install time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-200MB}"
work="${TMPDIR:-/tmp}/pledge-redaction-bench"
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { echo "GNU time is needed: apt-get install time" >&2; exit 2; }

"$root/pledge" --version > /dev/null   # builds the CLI
"$root/pledge" redact --generate-sample "$size" --sample-known-values "$work/known.txt" > "$work/sample.log"
bytes=$(stat -c %s "$work/sample.log")
head -c $((bytes / 4)) "$work/sample.log" > "$work/quarter.log"
cat "$work/sample.log" "$work/quarter.log" > /dev/null   # warm the page cache
dll="$root/artifacts/cli/Pledge.Cli.dll"
native="$root/artifacts/redact/pledge-redact"
[[ -f "$root/artifacts/redact/.built" ]] || { echo "pledge-redact was not built (see artifacts/redact/build.log)" >&2; exit 2; }

# run NAME INPUT_BYTES COMMAND...: one core, output discarded; prints wall and CPU MB/s and peak RSS.
run() {
  local name="$1" input="$2"; shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" taskset -c 0 "$@" > /dev/null
  read -r wall user sys rss < "$work/time.txt"
  awk -v n="$name" -v b="$input" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
    printf "%-30s %8.1f s wall %7.0f MB/s wall %7.0f MB/s cpu %7.0f MB peak RSS\n", n, w, b / 1e6 / w, b / 1e6 / (u + s), r / 1024 }'
  echo "$wall" > "$work/$name.wall"
  echo "$user $sys" | awk '{ print $1 + $2 }' > "$work/$name.cpu"
}

echo "input: $bytes bytes of sample logs ($work/sample.log); $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run pledge-redact "$bytes" "$native" --known-values "$work/known.txt" "$work/sample.log"
run pledge-redact-quarter "$((bytes / 4))" "$native" --known-values "$work/known.txt" "$work/quarter.log"
run pledge-redact-email-ipv4 "$bytes" "$native" --detect email,ipv4 "$work/sample.log"
# Keyed pseudonyms instead of tags: a throw-away key, in the environment only.
key="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
PLEDGE_REDACTION_KEY="$key" PLEDGE_REDACTION_KEY_ID=bench \
  run pledge-redact-pseudonym "$bytes" "$native" --operator pseudonym --known-values "$work/known.txt" "$work/sample.log"
# The same 200 MB as four files of a quarter each, written to a directory with one file per core at once
# (--jobs, default): what a directory of logs gets on this machine; not a single-core figure.
split -n 4 -d "$work/sample.log" "$work/part."
rm -rf "$work/out" && mkdir -p "$work/out"
/usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$native" --known-values "$work/known.txt" --out "$work/out" "$work"/part.0? > /dev/null
read -r wall user sys rss < "$work/time.txt"
awk -v b="$bytes" -v w="$wall" -v r="$rss" -v c="$(nproc)" 'BEGIN {
  printf "%-30s %8.1f s wall %7.0f MB/s wall  (4 files, --out, %d cores) %7.0f MB peak RSS\n", "pledge-redact --out", w, b / 1e6 / w, c, r / 1024 }'
rm -rf "$work/out" "$work"/part.0?
run cli "$bytes" dotnet "$dll" redact --known-values "$work/known.txt" "$work/sample.log"
run cli-email-ipv4 "$bytes" dotnet "$dll" redact --detect email,ipv4 "$work/sample.log"
PLEDGE_REDACTION_KEY="$key" PLEDGE_REDACTION_KEY_ID=bench \
  run cli-pseudonym "$bytes" dotnet "$dll" redact --operator pseudonym --known-values "$work/known.txt" "$work/sample.log"
run sed "$bytes" env LC_ALL=C sed -E \
  -e 's/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/<EMAIL>/g' \
  -e 's/\b([0-9]{1,3}\.){3}[0-9]{1,3}\b/<IPV4>/g' "$work/sample.log"
ratio() {
  awk -v n="$1" -v pw="$(cat "$work/$2.wall")" -v sw="$(cat "$work/sed.wall")" -v pc="$(cat "$work/$2.cpu")" -v sc="$(cat "$work/sed.cpu")" \
    'BEGIN { printf "%s vs sed -E (e-mail and IPv4): %.1fx faster on wall time, %.1fx on CPU time\n", n, sw / pw, sc / pc }'
}
ratio "pledge-redact (all detectors)" pledge-redact
ratio "pledge-redact --detect email,ipv4" pledge-redact-email-ipv4
ratio "cli (all detectors)" cli
ratio "cli --detect email,ipv4" cli-email-ipv4
awk -v n="$(cat "$work/pledge-redact.cpu")" -v c="$(cat "$work/cli.cpu")" \
  'BEGIN { printf "pledge-redact vs cli (all detectors): %.2fx the CPU time\n", n / c }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
