#!/usr/bin/env bash
# Load test of the decision API over HTTP: `pledge serve` (Release, the demo's SQLite store) answering
# POST /api/v1/decide with an API key, against a bare Kestrel endpoint returning a constant (bench/ServerBaseline),
# both on loopback, measured with wrk in the same run. Target: decide ≥ 70% of the baseline's throughput, with no
# errors or non-2xx answers. Writes bench/results/server-load.txt.
#
#   bench/server-load.sh [SECONDS] [CONNECTIONS]      (default 20 s, 32 connections; wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-20}
CONNECTIONS=${2:-32}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }

WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "building Release…" >&2
dotnet build src/Pledge.Cli -c Release -o "$WORK/pledge" -v quiet -nologo >&2
dotnet build bench/ServerBaseline -c Release -o "$WORK/baseline" -v quiet -nologo >&2

# Both processes run with the same runtime settings, so the ratio compares the code and not the runtime: the server
# garbage collector and dynamic PGO, as a deployed `pledge serve` should run (docs/server.md). Without them the CLI's
# own settings apply to `pledge serve` (workstation GC, PGO off, right for its short commands) and the baseline's
# (server GC, PGO on) to the baseline, which measured decide at less than half its throughput.
export DOTNET_gcServer=1 DOTNET_TieredPGO=1 DOTNET_TieredCompilation=1
RUNTIME="DOTNET_gcServer=1 DOTNET_TieredPGO=1 DOTNET_TieredCompilation=1 (both processes)"

PLEDGE_PORT=$(free_port)
BASE_PORT=$(free_port)
PLEDGE_HOME="$WORK/home" dotnet "$WORK/pledge/Pledge.Cli.dll" serve --urls "http://127.0.0.1:$PLEDGE_PORT" > "$WORK/serve.out" 2> "$WORK/serve.err" &
PIDS+=($!)
dotnet "$WORK/baseline/ServerBaseline.dll" --urls "http://127.0.0.1:$BASE_PORT" \
    --Logging:LogLevel:Microsoft.AspNetCore=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning > "$WORK/base.out" 2>&1 &
PIDS+=($!)

for _ in $(seq 1 120); do
    grep -q "first API key" "$WORK/serve.out" 2>/dev/null && curl -sf -o /dev/null -X POST "http://127.0.0.1:$BASE_PORT/api/v1/consts" && break
    sleep 1
done
PLEDGE_KEY=$(sed -n 's/.*first API key *\(pk_[^ ]*\).*/\1/p' "$WORK/serve.out" | head -1)
[ -n "$PLEDGE_KEY" ] || { echo "pledge serve printed no API key:" >&2; cat "$WORK/serve.out" "$WORK/serve.err" >&2; exit 1; }
export PLEDGE_KEY

DECIDE="http://127.0.0.1:$PLEDGE_PORT/api/v1/decide"
BASELINE="http://127.0.0.1:$BASE_PORT/api/v1/consts"
code=$(curl -s -o "$WORK/one.json" -w '%{http_code}' -H "Authorization: Bearer $PLEDGE_KEY" -H 'Content-Type: application/json' \
    -d '{"subject":"email:ada@example.com","activity":"website-analytics"}' "$DECIDE")
[ "$code" = 200 ] || { echo "decide answered $code: $(cat "$WORK/one.json")" >&2; exit 1; }

run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --latency -s bench/server-load.lua "$1"; }
echo "warming up (5 s each)…" >&2
run "$BASELINE" 5 > /dev/null
run "$DECIDE" 5 > /dev/null

LOAD_BEFORE=$(uptime)
run "$BASELINE" "$SECONDS_PER_RUN" > "$WORK/base.wrk"
run "$DECIDE" "$SECONDS_PER_RUN" > "$WORK/decide.wrk"
LOAD_AFTER=$(uptime)

rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
errors() { awk '/Socket errors|Non-2xx/ {n++} END {print n+0}' "$1"; }
ratio=$(awk -v d="$(rps "$WORK/decide.wrk")" -v b="$(rps "$WORK/base.wrk")" 'BEGIN {printf "%.2f", d / b}')

mkdir -p bench/results
{
    echo "# bench/server-load.sh $SECONDS_PER_RUN $CONNECTIONS (wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s, loopback, Release)"
    echo "# runtime: $RUNTIME"
    echo "# $(nproc) cores; load before: ${LOAD_BEFORE##*load average: }; after: ${LOAD_AFTER##*load average: }"
    printf '%-34s %12s %10s %8s\n' "endpoint" "requests/s" "p99" "errors"
    printf '%-34s %12s %10s %8s\n' "bare Kestrel POST /api/v1/consts" "$(rps "$WORK/base.wrk")" "$(p99 "$WORK/base.wrk")" "$(errors "$WORK/base.wrk")"
    printf '%-34s %12s %10s %8s\n' "pledge POST /api/v1/decide" "$(rps "$WORK/decide.wrk")" "$(p99 "$WORK/decide.wrk")" "$(errors "$WORK/decide.wrk")"
    echo "ratio (decide / baseline): $ratio   (target >= 0.70)"
    echo
    echo "## wrk, baseline"; cat "$WORK/base.wrk"
    echo "## wrk, decide"; cat "$WORK/decide.wrk"
} | tee bench/results/server-load.txt
