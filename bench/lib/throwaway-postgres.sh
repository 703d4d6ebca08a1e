# Sourced by bench scripts: starts a throw-away PostgreSQL cluster on 127.0.0.1 and a free port (as the postgres
# user when run as root, since the server refuses root), creates database pledge_bench, and stops and deletes it
# on exit. Durability is off for bulk loads; 1 GB of shared buffers keeps the hot indexes cached.
# Sets: bin (server binaries), dir (cluster folder), port, as_postgres (runs a command as the postgres user).
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

as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start -o "-p $port -k $dir \
  -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off \
  -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min" >/dev/null
as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres pledge_bench
"$bin/postgres" --version
