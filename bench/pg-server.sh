# Sourced by bench/pg-whole-process.sh and bench/pg-load.sh: the PostgreSQL
# server they use. `start_server DIR` sets SERVER (postgres://superuser@host:port,
# no database) and SERVER_KIND: SAURO_BENCH_POSTGRES's server when set (its
# user must create databases and roles), else a throwaway PostgreSQL made in
# DIR/pg (initdb and pg_ctl from PATH or the newest /usr/lib/postgresql/*/bin;
# as root, owned by and run as the `postgres` user, which PostgreSQL needs),
# listening on 127.0.0.1 only, on a free port, trust authentication, default
# durability (fsync on). `stop_server` stops the throwaway one.
PGBIN=""
PGDIR=""
AS=()
start_server() {
    local dir=$1 port d
    if [ -n "${SAURO_BENCH_POSTGRES:-}" ]; then
        SERVER=${SAURO_BENCH_POSTGRES%/*}
        SERVER_KIND="given server (SAURO_BENCH_POSTGRES)"
        return
    fi
    if command -v initdb > /dev/null && command -v pg_ctl > /dev/null; then
        PGBIN=$(dirname "$(command -v pg_ctl)")
    else
        for d in $(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V -r); do
            if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then PGBIN=$d; break; fi
        done
    fi
    [ -n "$PGBIN" ] || { echo "no initdb/pg_ctl installed; set SAURO_BENCH_POSTGRES=postgres://…" >&2; exit 1; }
    if [ "$(id -u)" = 0 ]; then
        AS=(runuser -u postgres --)
        chown postgres: "$dir"
    fi
    PGDIR="$dir/pg"
    "${AS[@]}" mkdir -p "$PGDIR"
    "${AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C > /dev/null
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
        -o "-p $port -k $PGDIR -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c max_connections=100" \
        start > /dev/null
    SERVER="postgres://postgres@127.0.0.1:$port"
    SERVER_KIND="throwaway PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (fsync on, shared_buffers 256MB)"
}
stop_server() {
    if [ -n "$PGBIN" ] && [ -f "$PGDIR/data/postmaster.pid" ]; then
        "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop > /dev/null 2>&1 || true
    fi
}
