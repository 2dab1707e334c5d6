#!/usr/bin/env bash
# The load test of issue 12 ("Measured"), on 127.0.0.1. Not part of CI.
# docs/benchmarks.md ("PostgreSQL (issue 12)") records one run.
#
# A throwaway PostgreSQL (as in bench/pg-whole-process.sh; or
# SAURO_BENCH_POSTGRES=postgres://superuser@host:port/postgres), a database
# set up by `sauro db init` and `sauro import` of TASKS tasks (the project's
# generator); then for DURATION seconds WRITERS writer processes and READERS
# reader processes, each a shell loop running the release `sauro` binary:
#   - writer i logs in as its own sauro_secretary login (lt_w<i>) and, on a
#     shared set of SHARED open tasks chosen at random, records a note (its
#     text is a unique marker), marks a task done, or extends its deadline
#     (the reason is a unique marker); an exit status 0 is an acknowledged
#     write, logged with its marker; anything else is a refusal, logged with
#     sauro's message;
#   - reader j (a sauro_reader login) runs `sauro overdue` or `sauro list`,
#     timing each whole process;
#   - an administrator (lt_a) imports the files again every IMPORT_EVERY
#     seconds (IMPORTS=0: never), alternating two versions of them: as
#     generated, and with every title changed, so each import rewrites every
#     task's title (and its place in the files) while the writers change
#     the same tasks;
#   - meanwhile KILLS times a writer's running `sauro` process is killed
#     with SIGKILL once it is connected (a socket open), and that write is
#     logged as killed, never acknowledged.
# Bounded in time (DURATION, and each writer/reader stops at its deadline)
# and in count (MAX_OPS per writer). Then it checks, in the database:
#   - lost writes: acknowledged notes/extensions whose marker is not in
#     the database, acknowledged done without a done row by that login;
#   - duplicated writes: a marker or a task's done recorded more than once;
#   - half-written changes: a note without its history row or the other way
#     round, a task whose state and history disagree, an extension in
#     history whose task is not marked extended;
#   - lost imports: tasks whose title is not the one the last acknowledged
#     import wrote;
# and prints the counts, the refusals by kind, p50/p95/max read latency.
#
#   bench/pg-load.sh                              # 20 writers, 5 readers, 60 s
#   DURATION=10 WRITERS=4 READERS=2 bench/pg-load.sh   # a quick run
# Needs: cargo, psql. Everything under $WORK, deleted at the end (KEEP=1 keeps it).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-60}
WRITERS=${WRITERS:-20}
READERS=${READERS:-5}
TASKS=${TASKS:-10000}
SHARED=${SHARED:-200}
MAX_OPS=${MAX_OPS:-100000}
KILLS=${KILLS:-10}
IMPORTS=${IMPORTS:-1}
IMPORT_EVERY=${IMPORT_EVERY:-3}
AS_OF=${AS_OF:-2026-11-22}
WORK=${WORK:-$(mktemp -d -t sauro-pgload.XXXXXX)}
mkdir -p "$WORK"
KEEP=${KEEP:-0}
# shellcheck source=bench/pg-server.sh
. "$ROOT/bench/pg-server.sh"
start_server "$WORK"
DB=sauro_load
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done
    wait 2> /dev/null || true
    psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null 2>&1 || true
    for i in $(seq 1 "$WRITERS"); do psql -q "$SERVER/postgres" -c "DROP ROLE IF EXISTS lt_w$i" > /dev/null 2>&1 || true; done
    for j in $(seq 1 "$READERS"); do psql -q "$SERVER/postgres" -c "DROP ROLE IF EXISTS lt_r$j" > /dev/null 2>&1 || true; done
    psql -q "$SERVER/postgres" -c "DROP ROLE IF EXISTS lt_a" > /dev/null 2>&1 || true
    stop_server
    if [ "$KEEP" != 1 ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

cd "$ROOT"
cargo build --release --quiet --bin sauro
cargo build --release --quiet -p sauro-store --example gen_bench_data
SAURO="$ROOT/target/release/sauro"
echo "date: $(date -u +%Y-%m-%dT%H:%MZ); commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)'); nproc: $(nproc)"
echo "server: $SERVER_KIND"
echo "writers $WRITERS, readers $READERS, $DURATION s, $TASKS tasks, $SHARED shared tasks, kills $KILLS, imports $IMPORTS (every $IMPORT_EVERY s)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

ADDR="$SERVER/$DB?sslmode=disable"
psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" > /dev/null
"$SAURO" --db "$ADDR" db init > /dev/null
"$ROOT/target/release/examples/gen_bench_data" "$WORK/files" "$TASKS" > /dev/null
"$SAURO" --db "$ADDR" import "$WORK/files" > /dev/null
# The second version of the files, every title changed.
cp -r "$WORK/files" "$WORK/files-b"
sed -i 's/^title = "/title = "(b) /' "$WORK"/files-b/*.toml
psql -q "$ADDR" -c "DROP ROLE IF EXISTS lt_a" -c "CREATE ROLE lt_a LOGIN" -c "GRANT sauro_admin TO lt_a" > /dev/null
for i in $(seq 1 "$WRITERS"); do
    psql -q "$ADDR" -c "DROP ROLE IF EXISTS lt_w$i" -c "CREATE ROLE lt_w$i LOGIN" -c "GRANT sauro_secretary TO lt_w$i" > /dev/null
done
for j in $(seq 1 "$READERS"); do
    psql -q "$ADDR" -c "DROP ROLE IF EXISTS lt_r$j" -c "CREATE ROLE lt_r$j LOGIN" -c "GRANT sauro_reader TO lt_r$j" > /dev/null
done
psql -tAq "$ADDR" -c "SELECT id FROM sauro.task WHERE state = 'open' AND deadline_due IS NOT NULL
    ORDER BY md5(id) LIMIT $SHARED" > "$WORK/shared.txt"
mapfile -t SHARED_IDS < "$WORK/shared.txt"
echo "shared open tasks: ${#SHARED_IDS[@]}"
BEFORE_HISTORY=$(psql -tAq "$ADDR" -c "SELECT count(*) FROM sauro.history")
mkdir -p "$WORK/log"
END=$(($(date +%s) + DURATION))

writer() {
    local i=$1 n=0 log="$WORK/log/w$i.log"
    local addr="postgres://lt_w$i@${SERVER#postgres://*@}/$DB?sslmode=disable"
    while [ "$(date +%s)" -lt "$END" ] && [ "$n" -lt "$MAX_OPS" ]; do
        n=$((n + 1))
        local task=${SHARED_IDS[$((RANDOM % ${#SHARED_IDS[@]}))]} marker="lt-w$i-$n" op=$((RANDOM % 10)) out rc
        if [ "$op" -lt 6 ]; then
            out=$(SAURO_DB="$addr" "$SAURO" note "$task" "$marker" 2>&1 > /dev/null) && rc=0 || rc=$?
            op=note
        elif [ "$op" -lt 8 ]; then
            out=$(SAURO_DB="$addr" "$SAURO" done "$task" 2>&1 > /dev/null) && rc=0 || rc=$?
            op=done
        else
            local to
            to=$(printf '%02d/%02d/2028' $((RANDOM % 28 + 1)) $((RANDOM % 12 + 1)))
            out=$(SAURO_DB="$addr" "$SAURO" extend "$task" --to "$to" --by TTG \
                --basis "1/VPCP-LT" --reason "$marker" 2>&1 > /dev/null) && rc=0 || rc=$?
            op=extend
        fi
        if [ "$rc" = 137 ]; then
            printf 'killed\t%s\t%s\t%s\tlt_w%s\n' "$op" "$task" "$marker" "$i" >> "$log"
        elif [ "$rc" = 0 ]; then
            printf 'ack\t%s\t%s\t%s\tlt_w%s\n' "$op" "$task" "$marker" "$i" >> "$log"
        else
            printf 'refused\t%s\t%s\t%s\tlt_w%s\t%s\t%s\n' "$op" "$task" "$marker" "$i" "$rc" "$(echo "$out" | head -1)" >> "$log"
        fi
    done
}

importer() {
    local n=0 log="$WORK/log/imports.log" dir t0 t1 out rc
    local addr="postgres://lt_a@${SERVER#postgres://*@}/$DB?sslmode=disable"
    : > "$log"
    [ "$IMPORTS" = 1 ] || return 0
    sleep "$IMPORT_EVERY"
    while [ "$(date +%s)" -lt "$END" ]; do
        n=$((n + 1))
        if [ $((n % 2)) = 1 ]; then dir=files-b; else dir=files; fi
        t0=$(date +%s%N)
        out=$(SAURO_DB="$addr" "$SAURO" import "$WORK/$dir" 2>&1 > /dev/null) && rc=0 || rc=$?
        t1=$(date +%s%N)
        if [ "$rc" = 0 ]; then
            printf 'ack\t%s\t%s\n' "$dir" "$(((t1 - t0) / 1000))" >> "$log"
        else
            printf 'refused\t%s\t%s\t%s\n' "$dir" "$(((t1 - t0) / 1000))" "$(echo "$out" | head -1)" >> "$log"
        fi
        sleep "$IMPORT_EVERY"
    done
}

renice_run() {
    renice -n 5 -p "$BASHPID" > /dev/null
    "$@"
}

reader() {
    local j=$1 log="$WORK/log/r$j.log" t0 t1 cmd rc
    local addr="postgres://lt_r$j@${SERVER#postgres://*@}/$DB?sslmode=disable"
    while [ "$(date +%s)" -lt "$END" ]; do
        if [ $((RANDOM % 2)) = 0 ]; then cmd=overdue; else cmd=list; fi
        t0=$(date +%s%N)
        SAURO_DB="$addr" "$SAURO" --as-of "$AS_OF" "$cmd" > /dev/null 2>&1 && rc=0 || rc=$?
        t1=$(date +%s%N)
        printf '%s\t%s\t%s\n' "$cmd" "$(((t1 - t0) / 1000))" "$rc" >> "$log"
    done
}

# Writers and readers at a lower priority (nice 5) than the killer, which
# must catch a short-lived process on a busy machine.
for i in $(seq 1 "$WRITERS"); do renice_run writer "$i" & PIDS+=($!); done
for j in $(seq 1 "$READERS"); do renice_run reader "$j" & PIDS+=($!); done
renice_run importer & PIDS+=($!)

# The killer: a writer's running sauro process, once connected to the server
# (a socket among its open files), so mostly inside its session's work.
killed=0 tries=0
: > "$WORK/log/kills.log"
sleep 2
while [ "$killed" -lt "$KILLS" ] && [ "$(date +%s)" -lt $((END - 2)) ]; do
    tries=$((tries + 1))
    # A writer's sauro process (a note or an extension: its marker is in its arguments).
    child=$(pgrep -f -x "$SAURO (note|extend) .*lt-w[0-9]+-[0-9]+.*" | shuf -n 1 || true)
    [ -n "$child" ] || continue
    # Connected to the server (a socket open)? Then kill it at once.
    sockets=$(ls -l "/proc/$child/fd" 2> /dev/null | grep -c 'socket:' || true)
    [ "$sockets" != 0 ] || continue
    what=$( (tr '\0' ' ' < "/proc/$child/cmdline") 2> /dev/null | grep -oE 'lt-w[0-9]+-[0-9]+' || true)
    if kill -9 "$child" 2> /dev/null; then
        killed=$((killed + 1))
        echo "killed sauro pid $child while connected, writing $what" >> "$WORK/log/kills.log"
        sleep 0.5
    fi
done
for p in "${PIDS[@]}"; do wait "$p" || true; done
PIDS=()
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Verification.
cat "$WORK"/log/w*.log > "$WORK/writes.tsv"
cat "$WORK"/log/r*.log > "$WORK/reads.tsv"
q() { psql -tAq -F $'\t' "$ADDR" -c "$1"; }
acked=$(grep -c '^ack' "$WORK/writes.tsv" || true)
refused=$(grep -c '^refused' "$WORK/writes.tsv" || true)
# Acknowledged markers and done (task, login) pairs.
awk -F'\t' '$1 == "ack"' "$WORK/writes.tsv" | awk -F'\t' '$2 != "done" { print $4 }' | sort > "$WORK/acked-markers"
awk -F'\t' '$1 == "ack"' "$WORK/writes.tsv" | awk -F'\t' '$2 == "done" { print $3 "\t" $5 }' | sort > "$WORK/acked-done"
q "SELECT text FROM sauro.note WHERE text LIKE 'lt-w%'
   UNION ALL SELECT reason FROM sauro.history WHERE action = 'extend' AND reason LIKE 'lt-w%'" | sort > "$WORK/db-markers"
q "SELECT task_id, \"by\" FROM sauro.history WHERE action = 'done' AND \"by\" LIKE 'lt_w%'" | sort > "$WORK/db-done"
lost_markers=$(comm -23 "$WORK/acked-markers" <(sort -u "$WORK/db-markers") | wc -l)
lost_done=$(comm -23 "$WORK/acked-done" <(sort -u "$WORK/db-done") | wc -l)
dup_markers=$(uniq -d "$WORK/db-markers" | wc -l)
dup_done=$(cut -f1 "$WORK/db-done" | uniq -d | wc -l)
# Refused or killed writes that are in the database anyway (a refusal that wrote).
awk -F'\t' '$1 == "refused"' "$WORK/writes.tsv" | awk -F'\t' '$2 != "done" { print $4 }' | sort > "$WORK/refused-markers"
refused_written=$(comm -12 "$WORK/refused-markers" <(sort -u "$WORK/db-markers") | wc -l)
awk -F'\t' '$1 == "killed" && $2 != "done" { print $4 }' "$WORK/writes.tsv" | sort > "$WORK/killed-markers"
killed_in_db=$(comm -12 "$WORK/killed-markers" <(sort -u "$WORK/db-markers") | wc -l)
# Killed done: written if that login's done row of the task is there.
killed_in_db=$((killed_in_db + $(awk -F'\t' '$1 == "killed" && $2 == "done" { print $3 "\t" $5 }' "$WORK/writes.tsv" | sort | comm -12 - <(sort -u "$WORK/db-done") | wc -l)))
unacked_in_db=$(comm -13 <(sort "$WORK/acked-markers" "$WORK/refused-markers" "$WORK/killed-markers") <(sort -u "$WORK/db-markers") | wc -l)
# Half-written changes.
half_notes=$(q "SELECT count(*) FROM (
    SELECT n.id FROM sauro.note n WHERE n.text LIKE 'lt-w%' AND NOT EXISTS (
        SELECT 1 FROM sauro.history h WHERE h.task_id = n.task_id AND h.action = 'note' AND h.\"by\" = n.\"by\"
          AND h.new = n.text)) x")
half_done=$(q "SELECT count(*) FROM sauro.task t WHERE t.id IN ($(sed "s/.*/'&'/" "$WORK/shared.txt" | paste -sd,))
    AND (t.state = 'done') <> EXISTS (SELECT 1 FROM sauro.history h WHERE h.task_id = t.id AND h.action = 'done')")
half_extend=$(q "SELECT count(*) FROM sauro.history h JOIN sauro.task t ON t.id = h.task_id
    WHERE h.action = 'extend' AND h.reason LIKE 'lt-w%' AND NOT t.extended")
after_history=$(q "SELECT count(*) FROM sauro.history")
writers_history=$(q "SELECT count(*) FROM sauro.history WHERE \"by\" LIKE 'lt_w%'")
imports_acked=$(grep -c '^ack' "$WORK/log/imports.log" || true)
imports_refused=$(grep -c '^refused' "$WORK/log/imports.log" || true)
last_import=$(awk -F'\t' '$1 == "ack" { d = $2 } END { print d }' "$WORK/log/imports.log")
if [ "$last_import" = files-b ]; then
    lost_imports=$(q "SELECT count(*) FROM sauro.task WHERE title NOT LIKE '(b) %'")
else
    lost_imports=$(q "SELECT count(*) FROM sauro.task WHERE title LIKE '(b) %'")
fi
echo "== writes: $acked acknowledged, $refused refused ($(awk -F'\t' '/^ack/ { print $2 }' "$WORK/writes.tsv" | sort | uniq -c | tr -s ' ' | paste -sd, ) acknowledged)"
echo "refusals by sauro's first line of message (op, count, message):"
awk -F'\t' '/^refused/ { print $2 "\t" $7 }' "$WORK/writes.tsv" | sed -E 's/[A-Z]+-[0-9]+\/[0-9]+/<id>/g; s/[0-9]{2}\/[0-9]{2}\/[0-9]{4}/<day>/g; s/lúc [^ ]+ [^ ]+/lúc …/' | sort | uniq -c | sort -rn | head -12
echo "history rows added: $((after_history - BEFORE_HISTORY)), of them by the writers: $writers_history"
echo "imports: $imports_acked acknowledged, $imports_refused refused; the last acknowledged: ${last_import:-none}; tasks whose title is not that import's: $lost_imports"
awk -F'\t' '/^refused/ { print "  import refused: " $4 }' "$WORK/log/imports.log" | sort | uniq -c | head -5
if [ "$imports_acked" -gt 0 ]; then
    awk -F'\t' '$1 == "ack" { print $3 }' "$WORK/log/imports.log" | sort -n > "$WORK/imp"
    n=$(wc -l < "$WORK/imp")
    printf 'imports: p50 %6.1f ms, max %6.1f ms (whole sauro process)\n' \
        "$(echo "$(sed -n "$(((n + 1) / 2))p" "$WORK/imp") / 1000" | bc -l)" "$(echo "$(tail -1 "$WORK/imp") / 1000" | bc -l)"
fi
echo "lost acknowledged writes: $((lost_markers + lost_done)) (notes/extensions $lost_markers, done $lost_done)"
echo "duplicated writes: $((dup_markers + dup_done)) (markers twice $dup_markers, tasks done twice $dup_done)"
echo "refused writes found written anyway: $refused_written"
echo "notes/extensions in the database that no writer logged: $unacked_in_db"
echo "half-written changes: notes without their history row $half_notes, shared tasks whose state and done history disagree $half_done, extensions in history on a task not marked extended $half_extend"
echo "kills: $killed writer processes killed with SIGKILL while connected ($tries tries); their writes: $killed_in_db committed, $((killed - killed_in_db)) not written (neither acknowledged)"
cat "$WORK/log/kills.log"
reads=$(wc -l < "$WORK/reads.tsv")
failed_reads=$(awk -F'\t' '$3 != 0' "$WORK/reads.tsv" | wc -l)
for cmd in overdue list all; do
    awk -F'\t' -v c="$cmd" 'c == "all" || $1 == c { print $2 }' "$WORK/reads.tsv" | sort -n > "$WORK/lat"
    n=$(wc -l < "$WORK/lat")
    [ "$n" -gt 0 ] || continue
    p50=$(sed -n "$(((n + 1) / 2))p" "$WORK/lat")
    p95=$(sed -n "$(((n * 95 + 99) / 100))p" "$WORK/lat")
    max=$(tail -1 "$WORK/lat")
    printf 'reads %-7s: %5d, p50 %6.1f ms, p95 %6.1f ms, max %6.1f ms (whole sauro process)\n' "$cmd" "$n" \
        "$(echo "$p50 / 1000" | bc -l)" "$(echo "$p95 / 1000" | bc -l)" "$(echo "$max / 1000" | bc -l)"
done
echo "failed reads: $failed_reads of $reads"
if [ $((lost_markers + lost_done + dup_markers + dup_done + refused_written + half_notes + half_done + half_extend + lost_imports)) = 0 ]; then
    echo "verdict: met (0 lost, 0 duplicated, 0 half-written)"
else
    echo "verdict: NOT met"
fi
