#!/usr/bin/env bash
# Latency of erasing one person: the erasure engine (locate keys, plan, one transaction per system) against hand-written
# UPDATE/DELETE statements that change the same rows, both rolled back,
# on the demo database seeded into a throw-away PostgreSQL cluster (started here on 127.0.0.1 and a free port,
# stopped and deleted on exit).
# Usage: bench/erase.sh [ROWS=10000000] [SUBJECTS=200]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"
subjects="${2:-200}"
source "$root/bench/lib/throwaway-postgres.sh"

dotnet build -c Release "$root/bench/Pledge.Bench" -v q -nologo >/dev/null
dotnet "$root/bench/Pledge.Bench/bin/Release/net10.0/Pledge.Bench.dll" erase \
  --postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=pledge_bench" \
  --rows "$rows" --subjects "$subjects"
as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d pledge_bench -Atc \
  "SELECT 'database size: ' || pg_size_pretty(pg_database_size('pledge_bench'))"
