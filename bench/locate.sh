#!/usr/bin/env bash
# Latency of finding one person's rows: the connectors' SubjectLocator against hand-written SQL for the same rows,
# on the demo database seeded into a throw-away PostgreSQL cluster (started here on 127.0.0.1 and a free port,
# stopped and deleted on exit). Also writes EXPLAIN (ANALYZE, BUFFERS) of every statement of three searches.
# Usage: bench/locate.sh [ROWS=10000000] [SUBJECTS=300] [EXPLAIN_FILE=bench/results/locate-explain.txt]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"
subjects="${2:-300}"
explain="${3:-$root/bench/results/locate-explain.txt}"
source "$root/bench/lib/throwaway-postgres.sh"

dotnet build -c Release "$root/bench/Pledge.Bench" -v q -nologo >/dev/null
mkdir -p "$(dirname "$explain")"
dotnet "$root/bench/Pledge.Bench/bin/Release/net10.0/Pledge.Bench.dll" locate \
  --postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=pledge_bench" \
  --rows "$rows" --subjects "$subjects" --explain "$explain"
as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d pledge_bench -Atc \
  "SELECT 'database size: ' || pg_size_pretty(pg_database_size('pledge_bench'))"
