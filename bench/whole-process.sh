#!/usr/bin/env bash
# Whole-process timings of sauro on a large synthetic database, with the
# sqlite3 command line and (optionally) Taskwarrior as yardsticks. Not part of
# CI: it takes a few minutes and its figures depend on the machine. The
# figures of a run are recorded in docs/benchmarks.md.
#
#   bench/whole-process.sh               # 100k tasks, Taskwarrior at 10k if installed
#   TASKS=10000 bench/whole-process.sh   # a smaller database
#   TASKWARRIOR=0 bench/whole-process.sh # skip Taskwarrior
#
# Needs cargo, hyperfine and sqlite3 (Debian: apt-get install hyperfine sqlite3;
# for the Taskwarrior yardstick also taskwarrior). Everything is written under
# $WORK (a new temporary folder unless set); results/*.md and *.json there hold
# hyperfine's tables.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TASKS=${TASKS:-100000}
TW_TASKS=${TW_TASKS:-10000}
TASKWARRIOR=${TASKWARRIOR:-1}
AS_OF=${AS_OF:-2026-11-22}
RUNS=${RUNS:-20}
WORK=${WORK:-$(mktemp -d -t sauro-bench.XXXXXX)}

for tool in cargo hyperfine sqlite3; do
    command -v "$tool" > /dev/null || {
        echo "whole-process.sh: $tool is not installed (Debian: apt-get install hyperfine sqlite3)" >&2
        exit 1
    }
done

mkdir -p "$WORK/results"
cd "$ROOT"
echo "== building (release) into $ROOT/target/release"
cargo build --release --quiet --bin sauro
cargo build --release --quiet -p sauro-store --example gen_bench_data
SAURO="$ROOT/target/release/sauro"
GEN="$ROOT/target/release/examples/gen_bench_data"

# The machine, for the record.
{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)$(git -C "$ROOT" diff --quiet 2> /dev/null || echo ' (with uncommitted changes)')"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "nproc: $(nproc)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "rustc: $(rustc --version)"
    echo "hyperfine: $(hyperfine --version)"
    echo "sqlite3: $(sqlite3 --version | cut -d' ' -f1)"
    command -v task > /dev/null && echo "taskwarrior: $(task --version)"
} | tee "$WORK/results/machine.txt"

echo "== generating $TASKS synthetic tasks"
"$GEN" "$WORK/files" "$TASKS"
DB="$WORK/sauro.db"

hf() { # name, hyperfine arguments...
    local name=$1
    shift
    hyperfine --style basic --export-markdown "$WORK/results/$name.md" \
        --export-json "$WORK/results/$name.json" "$@"
}

echo "== import of $TASKS tasks into a new database (whole process)"
hf import --runs 3 --prepare "rm -f '$DB' '$DB-wal' '$DB-shm'" \
    -n "sauro import ($TASKS tasks)" \
    "'$SAURO' --db '$DB' --as-of $AS_OF import '$WORK/files' > /dev/null"
rm -f "$DB" "$DB-wal" "$DB-shm"
"$SAURO" --db "$DB" --as-of "$AS_OF" import "$WORK/files"
ls -l "$DB"

# What `sauro overdue` lists, asked of the same file by the sqlite3 command line:
# the plain question (open, due before the day) and the query sauro itself runs
# (crates/store/src/query.rs; its ordered group_concat is spelled as a
# subquery here, which older sqlite3 command lines also understand).
SIMPLE="SELECT id, deadline_due, lead, title FROM task
        WHERE deadline_due < '$AS_OF' AND state = 'open' ORDER BY deadline_due, id;"
SETTLED_T="((t.state = 'done' AND t.state_on <= '$AS_OF') OR (t.state = 'cancelled' AND (t.state_on IS NULL OR t.state_on <= '$AS_OF')))"
SETTLED_P=${SETTLED_T//t./p.}
cat > "$WORK/simple.sql" <<< "$SIMPLE"
cat > "$WORK/sauro-query.sql" << EOF
SELECT t.id, t.directive_id, t.title, t.lead, t.responsible, t.product, t.authority,
       t.deadline_text, t.deadline_kind, t.deadline_due, t.extended, t.state, t.state_on,
       COALESCE((SELECT text FROM note n WHERE n.task_id = t.id ORDER BY n.id DESC LIMIT 1), t.file_note),
       (SELECT group_concat(agency_id, ' ') FROM
           (SELECT agency_id FROM task_support WHERE task_id = t.id ORDER BY pos)),
       (SELECT group_concat(d.depends_on || CASE WHEN NOT $SETTLED_P THEN '!' ELSE '' END, ' ')
           FROM task_dep d LEFT JOIN task p ON p.id = d.depends_on WHERE d.task_id = t.id),
       t.source_file, t.source_line
FROM task t WHERE t.deadline_due < '$AS_OF' AND NOT $SETTLED_T ORDER BY t.id;
EOF
echo "rows: sauro overdue --format json: $("$SAURO" --db "$DB" --as-of "$AS_OF" overdue --format json | grep -o '"id":' | wc -l)," \
    "sqlite3 simple: $(sqlite3 "$DB" < "$WORK/simple.sql" | wc -l)," \
    "sqlite3 sauro query: $(sqlite3 "$DB" < "$WORK/sauro-query.sql" | wc -l)," \
    "sauro blocked --format json: $("$SAURO" --db "$DB" --as-of "$AS_OF" blocked --format json | grep -o '"id":' | wc -l)" |
    tee "$WORK/results/rows.txt"

echo "== queries on $TASKS tasks (whole process, output to /dev/null)"
hf queries --warmup 3 --runs "$RUNS" \
    -n "sauro overdue" "'$SAURO' --db '$DB' --as-of $AS_OF overdue > /dev/null" \
    -n "sauro overdue --format json" "'$SAURO' --db '$DB' --as-of $AS_OF overdue --format json > /dev/null" \
    -n "sauro blocked" "'$SAURO' --db '$DB' --as-of $AS_OF blocked > /dev/null" \
    -n "sqlite3, plain overdue query" "sqlite3 '$DB' < '$WORK/simple.sql' > /dev/null" \
    -n "sqlite3, sauro's overdue query" "sqlite3 '$DB' < '$WORK/sauro-query.sql' > /dev/null"

if [ "$TASKWARRIOR" = 1 ] && command -v task > /dev/null; then
    echo "== Taskwarrior: $TW_TASKS tasks with dependencies (its clock is the machine's: today is $(date -u +%F))"
    TW="$WORK/taskwarrior"
    mkdir -p "$TW/data"
    printf 'data.location=%s\nconfirmation=off\nverbose=nothing\n' "$TW/data" > "$TW/taskrc"
    "$GEN" "$TW/files" "$TW_TASKS" "$TW/tasks.json"
    export TASKRC="$TW/taskrc" TASKDATA="$TW/data"
    TIMEFORMAT="task import: %R s"
    time (timeout 600 task import "$TW/tasks.json" > /dev/null)
    echo "task overdue lines: $(task overdue 2> /dev/null | wc -l)" | tee "$WORK/results/taskwarrior-rows.txt"
    TWDB="$WORK/sauro-$TW_TASKS.db"
    "$SAURO" --db "$TWDB" --as-of "$(date -u +%F)" import "$TW/files" > /dev/null
    hf taskwarrior --warmup 1 --runs 5 \
        -n "task overdue ($TW_TASKS tasks)" "timeout 300 task overdue > /dev/null" \
        -n "sauro overdue ($TW_TASKS tasks)" "'$SAURO' --db '$TWDB' --as-of $(date -u +%F) overdue > /dev/null" \
        -n "sauro blocked ($TW_TASKS tasks)" "'$SAURO' --db '$TWDB' --as-of $(date -u +%F) blocked > /dev/null"
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/results/machine.txt"
echo "== results in $WORK/results"
cat "$WORK"/results/*.md
