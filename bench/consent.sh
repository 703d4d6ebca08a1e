#!/usr/bin/env bash
# The consent ledger's benchmarks, on both stores:
#   1. durable appends per second (group commit; SQLite WAL synchronous=FULL; PostgreSQL fsync=on, synchronous_commit=on)
#   2. import of ROWS consent rows from CSV against a raw batched INSERT of the same rows (the baseline), as a ratio
# PostgreSQL is a throw-away cluster started here on 127.0.0.1 and a free port, with its durability settings left on,
# stopped and deleted on exit; its CPU time per appended event is reported beside the appending process's.
# The in-process decision benchmark is BenchmarkDotNet:
#   dotnet run -c Release --project bench/Pledge.Bench -- --filter '*DecideBenchmarks*' --job short --inProcess
# Usage: bench/consent.sh [EVENTS=200000] [ROWS=1000000] [CONCURRENCY=1,64,1024,4096]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-200000}"
rows="${2:-1000000}"
concurrency="${3:-1,64,1024,4096}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
dir="$(mktemp -d /tmp/pledge-bench-consent-XXXXXX)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
free_port() {
  local p
  while :; do p=$(( 20000 + RANDOM % 30000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
}
port="$(free_port)"
cleanup() { as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT

# Durability stays on (fsync, synchronous_commit, full_page_writes): an acknowledged append must survive a crash.
as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start -o "-p $port -k $dir \
  -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c shared_buffers=512MB -c max_wal_size=4GB" >/dev/null
for db in ledger import baseline; do as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"; done
pg() { echo "postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=$1;Maximum Pool Size=20"; }
"$bin/postgres" --version
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet build -c Release "$root/bench/Pledge.Bench" -v q -nologo >/dev/null
run() { dotnet "$root/bench/Pledge.Bench/bin/Release/net10.0/Pledge.Bench.dll" "$@"; }
mkdir -p "$dir/sqlite" && [ "$(id -u)" = 0 ] && chown postgres "$dir/sqlite"

echo "== ledger append, SQLite (WAL, synchronous=FULL)"
run ledger-append --store "sqlite:$dir/sqlite/ledger.db" --events "$events" --concurrency "$concurrency"
echo "== ledger append, PostgreSQL (fsync=on, synchronous_commit=on)"
# With the postmaster's pid, each round also reports the server's CPU per event (from /proc) and what the two together
# allow on this machine's cores, where the server and the appending process share them.
run ledger-append --store "$(pg ledger)" --events "$events" --concurrency "$concurrency" --server-pid "$(head -1 "$dir/data/postmaster.pid")"
echo "== import of $rows rows, SQLite"
run consent-import --store "sqlite:$dir/sqlite/import.db" --baseline-store "sqlite:$dir/sqlite/baseline.db" --rows "$rows"
echo "== import of $rows rows, PostgreSQL"
run consent-import --store "$(pg import)" --baseline-store "$(pg baseline)" --rows "$rows"
