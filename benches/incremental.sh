#!/usr/bin/env bash
# Incremental reindexing cost (issue 6): what a nightly `hrlex index` costs over a large
# corpus when nothing changed, when 1% of the files changed, and when 1% were only
# touched (same bytes, new mtime), against the first (full) run.
#
#   benches/incremental.sh [--files N] [--dir DIR] [--keep] [--no-build]
#
# Generates N small decisions (default 100000), each a .txt file with a .meta.json
# sidecar (so 2N corpus files), under DIR (default /tmp/hrlex-incremental), indexes them
# with the release build, then runs the incremental cases. Prints one Markdown table row
# per case (wall time, peak RSS, the run's own summary). Exits non-zero if a case does not
# do what it claims (e.g. the unchanged run re-extracts anything).
set -euo pipefail

files=100000
dir=/tmp/hrlex-incremental
keep=0
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --files) files="$2"; shift 2 ;;
        --dir) dir="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$build" = 1 ]; then
    cargo build --release --quiet --manifest-path "$root/Cargo.toml" --bin hrlex
fi
hrlex="$root/target/release/hrlex"
corpus="$dir/corpus"
index="$dir/index"
rm -rf "$dir"
mkdir -p "$corpus"

echo "generating $files decisions (+ sidecars) under $corpus" >&2
awk -v n="$files" -v dir="$corpus" 'BEGIN {
    for (i = 0; i < n; i++) {
        folder = dir "/" int(i / 1000)
        if (i % 1000 == 0) system("mkdir -p " folder)
        file = folder "/views-" i ".txt"
        printf "Views of the Human Rights Committee under the Optional Protocol, communication %d/2024.\n\n", i > file
        printf "1. The author claims that the State party violated articles 7 and 14 of the Covenant by deporting him to a country where he faced a real risk of torture (case %d).\n\n", i > file
        printf "2. The Committee considers that the facts before it disclose a violation of article 7 of the International Covenant on Civil and Political Rights.\n", i > file
        close(file)
        meta = file ".meta.json"
        printf "{\"id\": \"views-%d\", \"title\": \"Views %d/2024\", \"lang\": \"en\", \"mechanism\": \"ccpr\", \"doc_type\": \"views\", \"date\": \"2024-03-%02d\"}\n", i, i, i % 28 + 1 > meta
        close(meta)
    }
}'

# Runs one case; prints a table row. $1 label, $2 expected "added updated unchanged".
run_case() {
    local label="$1" expected="$2"
    local started ended json
    started=$(date +%s.%N)
    json=$(/usr/bin/time -f '%M' -o "$dir/rss" "$hrlex" index --json --corpus "$corpus" --index "$index" --checkpoint-files 0)
    ended=$(date +%s.%N)
    local seconds rss summary got
    seconds=$(echo "$ended - $started" | bc)
    rss=$(( $(cat "$dir/rss") / 1024 ))
    summary=$(echo "$json" | tr -d ' \n' | sed -E 's/.*"added":([0-9]+),"updated":([0-9]+),"removed":([0-9]+),"unchanged":([0-9]+),"skipped":([0-9]+).*"documents_written":([0-9]+).*/\1 added, \2 updated, \3 removed, \4 unchanged, \5 not documents, \6 documents written/')
    got=$(echo "$json" | tr -d ' \n' | sed -E 's/.*"added":([0-9]+),"updated":([0-9]+),"removed":[0-9]+,"unchanged":([0-9]+).*/\1 \2 \3/')
    printf '| %s | %.2f s | %d MB | %s |\n' "$label" "$seconds" "$rss" "$summary"
    if [ "$got" != "$expected" ]; then
        echo "case '$label': expected added/updated/unchanged $expected, got $got" >&2
        exit 1
    fi
}

one_percent=$(( files / 100 ))
echo "| case | wall time | peak RSS | what the run did |"
echo "|---|---|---|---|"
run_case "first run ($files decisions, $((2 * files)) files)" "$files 0 0"
run_case "nothing changed" "0 0 $((2 * files))"
# 1% changed: a paragraph appended to every 100th decision.
for ((i = 0; i < files; i += 100)); do
    printf '\n3. Follow-up information received from the State party (%d).\n' "$i" >> "$corpus/$((i / 1000))/views-$i.txt"
done
run_case "1% changed ($one_percent decisions)" "0 $one_percent $((2 * files - one_percent))"
# 1% touched: same bytes, new mtime (hashed, found equal, not re-extracted).
sleep 1
for ((i = 50; i < files; i += 100)); do
    touch "$corpus/$((i / 1000))/views-$i.txt"
done
run_case "1% touched, same bytes" "0 0 $((2 * files))"
run_case "nothing changed, again" "0 0 $((2 * files))"

if [ "$keep" = 0 ]; then
    rm -rf "$dir"
fi
