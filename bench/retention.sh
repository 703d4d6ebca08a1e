#!/usr/bin/env bash
# Retention sweep against the baseline of one raw DELETE: on a throw-away PostgreSQL cluster (127.0.0.1, a free port,
# deleted on exit), a synthetic table of ROWS events of which EXPIRED are older than the policy's one year, scattered
# through the key space (every ROWS/EXPIRED-th row). The database is copied (CREATE DATABASE ... TEMPLATE) so
# `pledge retention run` and `DELETE FROM events WHERE occurred_at < now() - interval '1 year'` work on identical data
# in the same run. Prints both times, the ratio, and pledge's peak RSS (/usr/bin/time -v); one round per EXPIRED value,
# so memory can be compared across sweep sizes.
# Usage: bench/retention.sh [ROWS=10000000] [EXPIRED...=1000000 3000000] (BATCH=5000 in the environment)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"
shift || true
sweeps=("${@:-1000000}")
[ $# -eq 0 ] && sweeps=(1000000 3000000)
batch="${BATCH:-5000}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
dir="$(mktemp -d /tmp/pledge-bench-pg-XXXXXX)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
free_port() {
  local p
  while :; do p=$(( 20000 + RANDOM % 30000 )); (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }; done
}
port="$(free_port)"
cleanup() { as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT

# Durable commits (the default) so the batches pay for their commits as a real sweep would; fsync off only because
# the cluster is thrown away and the disk is shared.
as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start -o "-p $port -k $dir \
  -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
  -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min" >/dev/null
"$bin/postgres" --version
psql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

"$root/pledge" --help >/dev/null   # builds the CLI (Release, ReadyToRun) if its sources changed
cli="$root/artifacts/cli/Pledge.Cli.dll"

for expired in "${sweeps[@]}"; do
  every=$(( rows / expired ))
  psql -d postgres -c "DROP DATABASE IF EXISTS bench_pledge" -c "DROP DATABASE IF EXISTS bench_raw" -c "CREATE DATABASE bench_pledge"
  start=$(date +%s)
  psql -d bench_pledge <<SQL
CREATE TABLE events (id bigint NOT NULL, email text, payload text, occurred_at timestamptz NOT NULL);
INSERT INTO events
SELECT i, 'user' || (i % 100000) || '@bench.example', md5(i::text),
       CASE WHEN i % $every = 0 THEN now() - interval '2 years' - (i % 1000) * interval '1 hour'
            ELSE now() - (i % 300) * interval '1 day' END
FROM generate_series(1, $rows) AS i;
ALTER TABLE events ADD PRIMARY KEY (id);
CREATE INDEX events_occurred_at ON events (occurred_at);
VACUUM ANALYZE events;
SQL
  psql -d postgres -c "CREATE DATABASE bench_raw TEMPLATE bench_pledge"
  expired=$(psql -d bench_pledge -Atc "SELECT count(*) FROM events WHERE occurred_at < now() - interval '1 year'")
  echo "seeded $rows rows ($expired expired) and a copy in $(( $(date +%s) - start )) s"

  raw_start=$(date +%s.%N)
  psql -d bench_raw -c "DELETE FROM events WHERE occurred_at < now() - interval '1 year'"
  raw=$(echo "$(date +%s.%N) - $raw_start" | bc)

  store="$dir/store-$expired.db"
  pl_start=$(date +%s.%N)
  PLEDGE_BENCH_DB="Host=127.0.0.1;Port=$port;Username=postgres;Database=bench_pledge" \
    /usr/bin/time -v -o "$dir/time-$expired.txt" dotnet "$cli" retention run --policy "$root/bench/retention/policy.yaml" \
    --store "sqlite:$store" --batch-size "$batch" > "$dir/run-$expired.log"
  pledge=$(echo "$(date +%s.%N) - $pl_start" | bc)
  rss=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$dir/time-$expired.txt")
  left_raw=$(psql -d bench_raw -Atc "SELECT count(*) FROM events")
  left_pledge=$(psql -d bench_pledge -Atc "SELECT count(*) FROM events")
  [ "$left_raw" = "$left_pledge" ] || { echo "MISMATCH: raw left $left_raw rows, pledge left $left_pledge" >&2; exit 1; }
  tail -2 "$dir/run-$expired.log" | head -1
  printf "rows %d, expired %d, batch %d: raw DELETE %.2f s, pledge retention run %.2f s, ratio %.2f, pledge peak RSS %d MB, rows left %s\n" \
    "$rows" "$expired" "$batch" "$raw" "$pledge" "$(echo "$pledge / $raw" | bc -l)" "$(( rss / 1024 ))" "$left_pledge"
done
