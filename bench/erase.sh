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
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
dir="$(mktemp -d /tmp/pledge-bench-pg-XXXXXX)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
free_port() {  # a port nothing listens on, without depending on more than bash
  local p
  while :; do p=$(( 20000 + RANDOM % 30000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
}
port="$(free_port)"
cleanup() { as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT

# A throw-away cluster: durability off for the load, 1 GB of shared buffers so the hot indexes stay cached.
as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start -o "-p $port -k $dir \
  -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off \
  -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min" >/dev/null
as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres pledge_bench
"$bin/postgres" --version

dotnet build -c Release "$root/bench/Pledge.Bench" -v q -nologo >/dev/null
dotnet "$root/bench/Pledge.Bench/bin/Release/net10.0/Pledge.Bench.dll" erase \
  --postgres "Host=127.0.0.1;Port=$port;Username=postgres;Database=pledge_bench" \
  --rows "$rows" --subjects "$subjects"
as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d pledge_bench -Atc \
  "SELECT 'database size: ' || pg_size_pretty(pg_database_size('pledge_bench'))"
