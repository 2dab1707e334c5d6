#!/usr/bin/env bash
# Whole-process timings of sauro on PostgreSQL against psql (issue 12,
# "Measured"). Not part of CI: its figures depend on the machine.
# docs/benchmarks.md ("PostgreSQL (issue 12)") records one run.
#
# For SIZES (the project's generator, gen_bench_data), one run measures:
#   - `sauro import` of the files into a fresh database set up by
#     `sauro db init`, whole process, against the yardstick: the same tasks
#     (as sauro-core loaded them, `gen_bench_data --json`, made CSV by jq)
#     copied by `psql` with `\copy` into one table with three indexes, in one
#     transaction (bench/pg-raw-load.sql);
#   - the same import against a second yardstick: `psql \copy` of every row
#     that import wrote, into a new database's sauro schema (its indexes and
#     keys in place) in one transaction (see `same_rows` below), and a
#     third: the same rows loaded as a bulk load (keys and secondary indexes
#     dropped, `\copy`, rebuilt; bench/pg-same-rows-bulk.sql);
#   - `sauro import` again into that database (the same files; a tenth of
#     them changed), against the SQLite store doing the same (no target);
#   - `sauro overdue --as-of AS_OF` (SAURO_DB=postgres://…) against `psql`
#     running the plain overdue query (bench/pg-overdue.sql) on the same rows;
# then prints the ratios of the medians and the verdicts (target <= 2x).
#
#   bench/pg-whole-process.sh                 # 10k and 100k tasks
#   SIZES=10000 bench/pg-whole-process.sh     # quicker
#   SAURO_BENCH_POSTGRES=postgres://u@127.0.0.1:5432/postgres bench/pg-whole-process.sh
#
# Without SAURO_BENCH_POSTGRES it starts a throwaway PostgreSQL (initdb and
# pg_ctl from PATH or /usr/lib/postgresql/*/bin; as root, run as the
# `postgres` user) under $WORK, on 127.0.0.1 and a free port, with fsync on
# (the default settings but shared_buffers), and stops it and deletes $WORK at
# the end (KEEP=1 keeps $WORK). SAURO_BENCH_POSTGRES's user must be able to
# create databases and roles; the script makes databases sauro_bench_* there
# and drops them at the end.
# Needs: cargo, hyperfine, psql, jq.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"10000 100000"}
RUNS=${RUNS:-3}
QUERY_RUNS=${QUERY_RUNS:-10}
AS_OF=${AS_OF:-2026-11-22}
NICE=${NICE:-nice}
WORK=${WORK:-$(mktemp -d -t sauro-pgbench.XXXXXX)}
KEEP=${KEEP:-0}

for tool in cargo hyperfine psql jq; do
    command -v "$tool" > /dev/null || {
        echo "pg-whole-process.sh: $tool is not installed (Debian: apt-get install hyperfine postgresql-client jq)" >&2
        exit 1
    }
done
mkdir -p "$WORK/results"
RESULTS="$WORK/results"

# The server: given, or a throwaway one under $WORK.
# shellcheck source=bench/pg-server.sh
. "$ROOT/bench/pg-server.sh"
start_server "$WORK"
DBS=()
cleanup() {
    for db in "${DBS[@]}"; do psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null 2>&1 || true; done
    stop_server
    if [ "$KEEP" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

cd "$ROOT"
echo "== building (release) into $ROOT/target/release"
cargo build --release --quiet --bin sauro
cargo build --release --quiet -p sauro-store --example gen_bench_data
SAURO="$ROOT/target/release/sauro"
GEN="$ROOT/target/release/examples/gen_bench_data"

{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD 2> /dev/null || echo ' (with uncommitted changes)')"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "nproc: $(nproc)"
    echo "memory: $(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2-3)"
    echo "server: $SERVER_KIND"
    echo "psql: $(psql --version)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "rustc: $(rustc --version)"
    echo "hyperfine: $(hyperfine --version)"
} | tee "$RESULTS/machine.txt"

median() { jq -r ".results[$2].median" "$1"; }
cpu() { jq -r ".results[$2].user + .results[$2].system" "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" 'BEGIN { print (r <= 2.0 ? "met" : "NOT met") }'; }

SUMMARY="$RESULTS/summary.txt"
: > "$SUMMARY"

# A second yardstick, reported beside the first: psql `\copy` of every row
# the last timed `sauro import` wrote (directives, tasks, supporters,
# co-leads, prerequisites, history; exported from its database), into a new
# database set up by `sauro db init` with its registry written (not timed),
# so into sauro's own tables, indexes and keys, in one transaction, as the
# server's superuser. It measures what sauro adds to the database's own bulk
# load of the same rows: reading and checking the files, and making the rows.
same_rows() {
    local same=sauro_bench_same_$n tables="directive task task_support task_co_lead task_dep history"
    DBS+=("$same")
    : > "$DATA/same-rows.sql"
    for t in $tables; do
        psql -q -X "$ADDR" -c "\\copy sauro.$t TO '$DATA/$t.copy'"
        echo "\\copy sauro.$t FROM '$DATA/$t.copy'" >> "$DATA/same-rows.sql"
    done
    cat > "$DATA/fresh-same.sh" << SAME
set -e
psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS $same WITH (FORCE)" -c "CREATE DATABASE $same" > /dev/null
"$SAURO" --db "$SERVER/$same?sslmode=disable" db init > /dev/null
"$SAURO" --db "$SERVER/$same?sslmode=disable" stats > /dev/null
SAME
    hyperfine --style basic --runs "$RUNS" \
        --export-json "$RESULTS/same-rows-$n.json" \
        --prepare "bash '$DATA/fresh-same.sh'" \
        -n "psql \\copy of the same rows into sauro's schema ($n)" \
        "$NICE psql -q -X -v ON_ERROR_STOP=1 -1 -f '$DATA/same-rows.sql' '$SERVER/$same?sslmode=disable' > /dev/null"
    local same_s
    same_s=$(median "$RESULTS/same-rows-$n.json" 0)
    printf 'import  %7s tasks: sauro %7.3f s, psql \\copy of the same rows into its schema %6.3f s, ratio %s (second yardstick); load %s\n' \
        "$n" "$imp" "$same_s" "$(ratio "$imp" "$same_s")" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$SUMMARY"
    echo "rows copied: $(psql -tAq "$SERVER/$same?sslmode=disable" -c "SELECT count(*) FROM sauro.task") tasks," \
        "$(psql -tAq "$SERVER/$same?sslmode=disable" -c "SELECT count(*) FROM sauro.history") history rows"
    # The third: the same rows, loaded as sauro's bulk load does (keys and
    # secondary indexes dropped, `\copy`, rebuilt; bench/pg-same-rows-bulk.sql).
    sed "s|:dir|$DATA|" "$ROOT/bench/pg-same-rows-bulk.sql" > "$DATA/same-rows-bulk.sql"
    hyperfine --style basic --runs "$RUNS" \
        --export-json "$RESULTS/same-rows-bulk-$n.json" \
        --prepare "bash '$DATA/fresh-same.sh'" \
        -n "psql: the same rows, keys and indexes dropped and rebuilt ($n)" \
        "$NICE psql -q -X -v ON_ERROR_STOP=1 -1 -f '$DATA/same-rows-bulk.sql' '$SERVER/$same?sslmode=disable' > /dev/null"
    same_s=$(median "$RESULTS/same-rows-bulk-$n.json" 0)
    printf 'import  %7s tasks: sauro %7.3f s, psql of the same rows as a bulk load (keys and indexes rebuilt) %6.3f s, ratio %s (third yardstick); load %s\n' \
        "$n" "$imp" "$same_s" "$(ratio "$imp" "$same_s")" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$SUMMARY"
    echo "rows copied: $(psql -tAq "$SERVER/$same?sslmode=disable" -c "SELECT count(*) FROM sauro.task") tasks;" \
        "keys and indexes: $(psql -tAq "$SERVER/$same?sslmode=disable" -c "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = 'sauro'::regnamespace") indexes," \
        "$(psql -tAq "$SERVER/$same?sslmode=disable" -c "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'sauro'::regnamespace") foreign keys"
}
# An import into a database that has the tasks (not a bulk load), on
# PostgreSQL and on SQLite for reference: the same files again (nothing
# changes), and the files with the titles of a tenth of them changed (the
# database brought back to the unchanged files before each run, not timed).
reimport() {
    local work="$DATA/again" lite="$DATA/again.db" changed="$DATA/changed"
    rm -rf "$work" "$changed" "$lite"*
    cp -r "$DATA/files" "$work"
    cp -r "$DATA/files" "$changed"
    for f in $(ls "$changed" | head -n $(( $(ls "$changed" | wc -l) / 10 ))); do
        sed -i 's/^title = "/title = "(sửa) /' "$changed/$f"
    done
    "$SAURO" --db "$lite" import "$work" > /dev/null
    "$SAURO" --db "$ADDR" import "$work" > /dev/null
    hyperfine --style basic --runs "$RUNS" --export-json "$RESULTS/reimport-$n.json" \
        -n "sauro import again, unchanged, PostgreSQL ($n)" "$NICE '$SAURO' --db '$ADDR' import '$work' > /dev/null" \
        -n "sauro import again, unchanged, SQLite ($n)" "$NICE '$SAURO' --db '$lite' import '$work' > /dev/null"
    local back="cp '$DATA/files'/* '$work'/ && '$SAURO' --db '$ADDR' import '$work' > /dev/null && '$SAURO' --db '$lite' import '$work' > /dev/null && cp '$changed'/* '$work'/"
    hyperfine --style basic --runs "$RUNS" --export-json "$RESULTS/reimport-changed-$n.json" --prepare "$back" \
        -n "sauro import again, a tenth changed, PostgreSQL ($n)" "$NICE '$SAURO' --db '$ADDR' import '$work' > /dev/null" \
        -n "sauro import again, a tenth changed, SQLite ($n)" "$NICE '$SAURO' --db '$lite' import '$work' > /dev/null"
    eval "$back"
    cp "$DATA/files"/* "$work"/
    "$SAURO" --db "$ADDR" import "$work" > /dev/null
    printf 'import again %7s tasks: unchanged PostgreSQL %6.3f s, SQLite %6.3f s; a tenth changed PostgreSQL %6.3f s, SQLite %6.3f s; load %s\n' \
        "$n" "$(median "$RESULTS/reimport-$n.json" 0)" "$(median "$RESULTS/reimport-$n.json" 1)" \
        "$(median "$RESULTS/reimport-changed-$n.json" 0)" "$(median "$RESULTS/reimport-changed-$n.json" 1)" \
        "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$SUMMARY"
}
for n in $SIZES; do
    DATA="$WORK/synth-$n"
    DB=sauro_bench_$n
    RAWDB=sauro_bench_raw_$n
    DBS+=("$DB" "$RAWDB")
    echo "== $n tasks: generating"
    rm -rf "$DATA"
    mkdir -p "$DATA"
    "$GEN" "$DATA/files" "$n" --json "$DATA/tasks.json" > /dev/null
    jq -r '.[] | [.id, .directive_id, .title, .lead, .support, .responsible, .product, .authority,
        .deadline_text, .deadline_due, .state, .state_on, .note, .depends_on, .source_file,
        .source_line] | @csv' "$DATA/tasks.json" > "$DATA/tasks.csv"
    sed "s|:csv|$DATA/tasks.csv|" "$ROOT/bench/pg-raw-load.sql" > "$DATA/raw-load.sql"
    psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS $RAWDB WITH (FORCE)" -c "CREATE DATABASE $RAWDB"
    # A new database, set up by `sauro db init` (not timed), before each import.
    cat > "$DATA/fresh.sh" << FRESH
set -e
psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" > /dev/null
"$SAURO" --db "$SERVER/$DB?sslmode=disable" db init > /dev/null
FRESH
    ADDR="$SERVER/$DB?sslmode=disable"
    echo "== $n tasks: sauro import vs psql \\copy (median of $RUNS)"
    hyperfine --style basic --runs "$RUNS" \
        --export-json "$RESULTS/import-$n.json" --export-markdown "$RESULTS/import-$n.md" \
        --prepare "bash '$DATA/fresh.sh'" \
        --prepare "psql -q '$SERVER/$RAWDB' -c 'DROP TABLE IF EXISTS raw_task' > /dev/null" \
        -n "sauro import ($n)" "$NICE '$SAURO' --db '$ADDR' import '$DATA/files' > /dev/null" \
        -n "psql \\copy raw load ($n)" "$NICE psql -q -X -v ON_ERROR_STOP=1 -1 -f '$DATA/raw-load.sql' '$SERVER/$RAWDB' > /dev/null"
    imp=$(median "$RESULTS/import-$n.json" 0)
    raw=$(median "$RESULTS/import-$n.json" 1)
    r=$(ratio "$imp" "$raw")
    printf 'import  %7s tasks: sauro %7.3f s, psql \\copy %6.3f s, ratio %s (target <= 2: %s); load %s\n' \
        "$n" "$imp" "$raw" "$r" "$(verdict "$r")" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$SUMMARY"
    echo "rows: sauro $(psql -tAq "$ADDR" -c 'SELECT count(*) FROM sauro.task'), raw $(psql -tAq "$SERVER/$RAWDB" -c 'SELECT count(*) FROM raw_task')"
    same_rows
    psql -q "$ADDR" -c "VACUUM ANALYZE" > /dev/null
    # The overdue query, on the database the last timed import left.
    sed "s/:asof/'$AS_OF'/g" "$ROOT/bench/pg-overdue.sql" > "$DATA/overdue.sql"
    plain="psql -X -q -A -t -f '$DATA/overdue.sql' '$ADDR'"
    echo "rows: sauro overdue --format json: $(SAURO_DB="$ADDR" "$SAURO" --as-of "$AS_OF" overdue --format json | grep -c '^    "id":')," \
        "psql plain query: $(eval "$plain" | wc -l)"
    hyperfine --style basic --warmup 2 --runs "$QUERY_RUNS" \
        --export-json "$RESULTS/overdue-$n.json" --export-markdown "$RESULTS/overdue-$n.md" \
        -n "sauro overdue ($n)" "SAURO_DB='$ADDR' $NICE '$SAURO' --as-of $AS_OF overdue > /dev/null" \
        -n "psql plain overdue query ($n)" "$NICE $plain > /dev/null"
    reimport
    ov=$(median "$RESULTS/overdue-$n.json" 0)
    pq=$(median "$RESULTS/overdue-$n.json" 1)
    r=$(ratio "$ov" "$pq")
    rc=$(ratio "$(cpu "$RESULTS/overdue-$n.json" 0)" "$(cpu "$RESULTS/overdue-$n.json" 1)")
    printf 'overdue %7s tasks: sauro %7.3f s, psql plain query %6.3f s, ratio %s (target <= 2: %s); client CPU-time ratio %s; load %s\n' \
        "$n" "$ov" "$pq" "$r" "$(verdict "$r")" "$rc" "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$SUMMARY"
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/machine.txt"
echo "== summary (also in $SUMMARY)"
cat "$RESULTS/machine.txt" "$SUMMARY"
if [ "$KEEP" = 1 ]; then cp -r "$RESULTS" "$ROOT/target/pg-bench-results" 2> /dev/null || true; fi
