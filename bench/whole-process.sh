#!/usr/bin/env bash
# Whole-process timings of sauro against the sqlite3 command line, on both
# synthetic generators, at 10k and 100k tasks (issue 11). Not part of CI: its
# figures depend on the machine. docs/benchmarks.md records one run.
#
# One run measures, for GENERATORS (synth: the project's generator, 100 tasks
# a file; other: crates/synth/src/other.rs, 2,500 tasks a file, long titles,
# more prerequisites) and SIZES:
#   - `sauro import` of the files into a new database, whole process;
#   - the raw yardstick: the same tasks (as sauro-core loaded them, written
#     by `gen_bench_data --json`) loaded by `sqlite3` into one indexed table
#     in one transaction (bench/raw-load.sql);
#   - at every size, on the imported database: `sauro overdue` against the
#     plain sqlite3 query of the overdue tasks (bench/overdue.sql), and
#     `sauro blocked` against the plain query of the blocked tasks with
#     their unfinished prerequisites (bench/blocked.sql);
#   - at the largest size, the peak memory (max RSS) of the import;
# then prints the ratios and whether the targets hold (import <= 2x the raw
# load; overdue and blocked <= 2x the plain query). MILLION=1 adds one
# 1M-task import (project generator), timed once with its peak memory.
#
#   bench/whole-process.sh                      # 10k and 100k, both generators
#   SIZES=10000 bench/whole-process.sh          # quicker
#   MILLION=1 bench/whole-process.sh            # and the 1M-task import
#
# Needs: cargo, hyperfine, sqlite3 >= 3.38 (the ->> operator; its readfile()
# is the command line's), jq, GNU time at /usr/bin/time.
# Debian: apt-get install hyperfine sqlite3 jq time
# Everything is written under $WORK (a new temporary folder unless set);
# results/ there holds hyperfine's JSON and Markdown tables. Run it on a
# quiet machine: the ratios compare runs made minutes apart.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"10000 100000"}
GENERATORS=${GENERATORS:-"synth other"}
RUNS=${RUNS:-3}
QUERY_RUNS=${QUERY_RUNS:-10}
AS_OF=${AS_OF:-2026-11-22}
MILLION=${MILLION:-0}
NICE=${NICE:-nice}
WORK=${WORK:-$(mktemp -d -t sauro-bench.XXXXXX)}

for tool in cargo hyperfine sqlite3 jq /usr/bin/time; do
    command -v "$tool" > /dev/null || {
        echo "whole-process.sh: $tool is not installed (Debian: apt-get install hyperfine sqlite3 jq time)" >&2
        exit 1
    }
done

mkdir -p "$WORK/results"
RESULTS="$WORK/results"
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
    echo "memory: $(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2-3)"
    echo "filesystem of \$WORK: $(df -T "$WORK" | tail -1 | tr -s ' ' | cut -d' ' -f1,2)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "rustc: $(rustc --version)"
    echo "hyperfine: $(hyperfine --version)"
    echo "sqlite3: $(sqlite3 --version | cut -d' ' -f1)"
} | tee "$RESULTS/machine.txt"

# The median wall-clock time of a hyperfine JSON export's command number $2,
# and its mean CPU time (user + system), in seconds.
median() { jq -r ".results[$2].median" "$1"; }
cpu() { jq -r ".results[$2].user + .results[$2].system" "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" 'BEGIN { print (r <= 2.0 ? "met" : "NOT met") }'; }

# `sauro $1` against the plain sqlite3 query in bench/$1.sql (with the as-of
# day written in place of :asof), on the database $DB of generator $gen at
# $n tasks: the rows of each, then hyperfine, then the ratio of the medians
# (and of the CPU times) with a verdict.
query() {
    local cmd=$1 sql="$DATA/$1.sql"
    sed "s/:asof/'$AS_OF'/g" "$ROOT/bench/$1.sql" > "$sql"
    local plain="sqlite3 '$DB' < '$sql'"
    echo "rows: sauro $cmd --format json: $("$SAURO" --db "$DB" --as-of "$AS_OF" "$cmd" --format json | grep -c '^    "id":')," \
        "sqlite3 plain query: $(eval "$plain" | wc -l)"
    hyperfine --style basic --warmup 2 --runs "$QUERY_RUNS" \
        --export-json "$RESULTS/$cmd-$gen-$n.json" \
        --export-markdown "$RESULTS/$cmd-$gen-$n.md" \
        -n "sauro $cmd ($gen, $n)" "$NICE '$SAURO' --db '$DB' --as-of $AS_OF $cmd > /dev/null" \
        -n "sqlite3 plain $cmd query ($gen, $n)" "$NICE $plain > /dev/null"
    local ov pq r rc
    ov=$(median "$RESULTS/$cmd-$gen-$n.json" 0)
    pq=$(median "$RESULTS/$cmd-$gen-$n.json" 1)
    r=$(ratio "$ov" "$pq")
    rc=$(ratio "$(cpu "$RESULTS/$cmd-$gen-$n.json" 0)" "$(cpu "$RESULTS/$cmd-$gen-$n.json" 1)")
    printf '%-7s %-5s %7s tasks: sauro %6.3f s, sqlite3 plain query %6.3f s, ratio %s (target <= 2: %s); CPU-time ratio %s\n' \
        "$cmd" "$gen" "$n" "$ov" "$pq" "$r" "$(verdict "$r")" "$rc" | tee -a "$SUMMARY"
}

SUMMARY="$RESULTS/summary.txt"
: > "$SUMMARY"
for gen in $GENERATORS; do
    for n in $SIZES; do
        DATA="$WORK/$gen-$n"
        echo "== $gen, $n tasks: generating"
        rm -rf "$DATA"
        GENERATOR=$gen "$GEN" "$DATA/files" "$n" --json "$DATA/tasks.json"
        DB="$DATA/sauro.db"
        RAW="$DATA/raw.db"
        echo "== $gen, $n tasks: sauro import vs the raw sqlite3 load (median of $RUNS)"
        hyperfine --style basic --runs "$RUNS" \
            --export-json "$RESULTS/import-$gen-$n.json" \
            --export-markdown "$RESULTS/import-$gen-$n.md" \
            --prepare "rm -f '$DB' '$DB-wal' '$DB-shm'" \
            --prepare "rm -f '$RAW' '$RAW-wal' '$RAW-shm'" \
            -n "sauro import ($gen, $n)" \
            "$NICE '$SAURO' --db '$DB' import '$DATA/files' > /dev/null" \
            -n "sqlite3 raw load ($gen, $n)" \
            "$NICE sqlite3 '$RAW' -cmd \".parameter set :json '$DATA/tasks.json'\" < '$ROOT/bench/raw-load.sql' > /dev/null"
        imp=$(median "$RESULTS/import-$gen-$n.json" 0)
        raw=$(median "$RESULTS/import-$gen-$n.json" 1)
        r=$(ratio "$imp" "$raw")
        rc=$(ratio "$(cpu "$RESULTS/import-$gen-$n.json" 0)" "$(cpu "$RESULTS/import-$gen-$n.json" 1)")
        printf 'import %-5s %7s tasks: sauro %6.3f s, sqlite3 raw load %6.3f s, ratio %s (target <= 2: %s); CPU-time ratio %s\n' \
            "$gen" "$n" "$imp" "$raw" "$r" "$(verdict "$r")" "$rc" | tee -a "$SUMMARY"
        echo "raw load rows: $(sqlite3 "$RAW" 'SELECT count(*) FROM task'), sauro rows: $(sqlite3 "$DB" 'SELECT count(*) FROM task')"
        # The queries, on the database the last timed import left.
        echo "== $gen, $n tasks: sauro overdue and blocked vs the plain sqlite3 queries (median of $QUERY_RUNS)"
        echo "load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$SUMMARY"
        query overdue
        query blocked
    done
    # Peak memory, at the largest size.
    n=${SIZES##* }
    DATA="$WORK/$gen-$n"
    DB="$DATA/sauro.db"
    rm -f "$DB" "$DB-wal" "$DB-shm"
    /usr/bin/time -f '%M %e' -o "$RESULTS/rss-$gen-$n.txt" "$SAURO" --db "$DB" import "$DATA/files" > /dev/null
    read -r kb secs < "$RESULTS/rss-$gen-$n.txt"
    printf 'memory %-5s %7s tasks: peak RSS of sauro import %d MB (target < 300 MB), %s s\n' \
        "$gen" "$n" $((kb / 1024)) "$secs" | tee -a "$SUMMARY"
done

if [ "$MILLION" = 1 ]; then
    DATA="$WORK/synth-1000000"
    echo "== synth, 1,000,000 tasks: one import"
    rm -rf "$DATA"
    "$GEN" "$DATA/files" 1000000
    /usr/bin/time -f '%M %e' -o "$RESULTS/rss-synth-1000000.txt" \
        "$SAURO" --db "$DATA/sauro.db" import "$DATA/files" > /dev/null
    read -r kb secs < "$RESULTS/rss-synth-1000000.txt"
    printf 'million synth 1000000 tasks: sauro import %s s, peak RSS %d MB, database %s\n' \
        "$secs" $((kb / 1024)) "$(du -h "$DATA/sauro.db" | cut -f1)" | tee -a "$SUMMARY"
    rm -rf "$DATA"
fi

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS/machine.txt"
echo "== summary (also in $SUMMARY)"
cat "$RESULTS/machine.txt" "$SUMMARY"
