#!/usr/bin/env bash
# hrlex's own end-to-end costs, written as Markdown to RUN_DIR/e2e.md (run.sh --e2e):
#
#   1. citation extraction MB/s: cargo bench -p hrlex-cite --bench extract (criterion);
#   2. PDF extraction against pdftotext on the same files: cargo bench -p hrlex-ingest
#      --bench pdf_extraction (when that bench exists);
#   3. incremental `hrlex index` through the normal path on a scratch copy of the real
#      corpus: full build, unchanged re-run, then 1% of the files changed (every 100th
#      PDF/text/HTML file, a newline appended: a content change that re-extracts them).
#
# HTTP requests/s through `hrlex serve` are measured by benches/load.sh (wrk).
#
#   benches/compare/e2e.sh RUN_DIR
set -euo pipefail
if [[ $# -ne 1 || $1 == -h || $1 == --help ]]; then sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
RUN=$1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BENCH_DIR=${HRLEX_BENCH_DIR:-/tmp/hrlex-bench}
CORPUS=${HRLEX_CORPUS:-$("$ROOT/scripts/dev-corpus.sh" || true)}  # default ../shared/corpus
OUT=$RUN/e2e.md
log() { echo "[e2e $(date +%H:%M:%S)] $*" >&2; }

{
  echo "### hrlex end-to-end costs"
  echo
} > "$OUT"

log "citation extraction (cargo bench -p hrlex-cite --bench extract)"
if (cd "$ROOT" && cargo bench -p hrlex-cite --bench extract 2>&1) > "$RUN/cite-bench.txt"; then
  thrpt=$(grep -m1 'thrpt:' "$RUN/cite-bench.txt" | sed 's/.*thrpt: *//')
  echo "- Citation extraction (\`cargo bench -p hrlex-cite --bench extract\`, real paragraphs): throughput $thrpt (criterion low / estimate / high)." >> "$OUT"
else
  echo "- Citation extraction bench failed: see $RUN/cite-bench.txt." >> "$OUT"
fi

if [[ -f $ROOT/crates/ingest/benches/pdf_extraction.rs ]]; then
  log "PDF extraction (cargo bench -p hrlex-ingest --bench pdf_extraction)"
  if (cd "$ROOT" && cargo bench -p hrlex-ingest --bench pdf_extraction 2>&1) > "$RUN/pdf-bench.txt"; then
    echo "- PDF extraction against \`pdftotext\` on the same files (\`cargo bench -p hrlex-ingest --bench pdf_extraction\`):" >> "$OUT"
    echo '```' >> "$OUT"
    grep -v -E '^\s*(Compiling|Finished|Running|Blocking)' "$RUN/pdf-bench.txt" | tail -25 >> "$OUT"
    echo '```' >> "$OUT"
  else
    echo "- PDF extraction bench failed: see $RUN/pdf-bench.txt." >> "$OUT"
  fi
fi

log "incremental hrlex index on a copy of the real corpus"
SCRATCH=$BENCH_DIR/e2e
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
cp -r "$CORPUS" "$SCRATCH/corpus"
HRLEX=${CARGO_TARGET_DIR:-$ROOT/target}/release/hrlex
index_run() {  # LABEL ARGS...: one `hrlex index` run under GNU time, one table row
  local label=$1
  shift
  local status=0
  /usr/bin/time -v -o "$SCRATCH/time.txt" "$HRLEX" index --corpus "$SCRATCH/corpus" --index "$SCRATCH/index" --json "$@" > "$SCRATCH/report.json" || status=$?
  [[ $status == 0 || $status == 1 ]] || { echo "hrlex index failed ($status)" >&2; exit 1; }
  python3 - "$label" "$SCRATCH/report.json" "$SCRATCH/time.txt" >> "$OUT" <<'PY'
import json, sys
label, report, timing = sys.argv[1:]
r = json.load(open(report))
t = {}
for line in open(timing):
    key, _, value = line.strip().rpartition(": ")
    t[key] = value
wall = t["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall)))
rss = int(t["Maximum resident set size (kbytes)"]) / 1024
print(f"| {label} | {r['added']} | {r['updated']} | {r['unchanged']} | {len(r['failed'])} | {r['documents_written']} | {seconds:.1f} | {rss:.0f} |")
PY
}
{
  echo
  echo "Incremental \`hrlex index\` (the normal path: walk, extraction with pdftotext/OCR, index) on a copy of \`../shared/corpus\` ($(du -sm "$CORPUS" | cut -f1) MB, $(find "$CORPUS" -type f | wc -l) files):"
  echo
  echo "| run | added | updated | unchanged | failed | documents written | wall s | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} >> "$OUT"
index_run "full build" --full
index_run "unchanged corpus"
mapfile -t candidates < <(find "$SCRATCH/corpus" -type f \( -name '*.pdf' -o -name '*.txt' -o -name '*.html' -o -name '*.htm' \) | sort)
changed=0
for ((i = 0; i < ${#candidates[@]}; i += 100)); do
  printf '\n' >> "${candidates[$i]}"
  changed=$((changed + 1))
done
all=$(find "$SCRATCH/corpus" -type f | wc -l)
index_run "$changed files changed (1% of PDF/text/HTML, $(( changed * 1000 / all ))‰ of all)"
echo >> "$OUT"
echo "Files that failed (edge cases: broken, blank, mojibake PDFs) are tried again on every run, so they are part of the unchanged run's time." >> "$OUT"
echo >> "$OUT"
echo "HTTP requests/s and latency through \`hrlex serve\` under load: \`benches/load.sh\` (wrk), measured by the server engineer." >> "$OUT"
log "done: $OUT"
