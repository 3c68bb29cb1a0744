#!/usr/bin/env bash
# The relevance set (tests/relevance/judgments.jsonl) on Lucene and on hrlex, side by side,
# over the real corpus (the development corpus, $HRLEX_CORPUS or scripts/dev-corpus.sh:
# ../shared/corpus by default, ingested by `hrlex ingest --no-ocr`, the source that run.sh
# caches), each engine analysing it its own way (see method.md). Prints
# Markdown tables (per query, then means per kind and language) scored by relevance.py.
#   benches/compare/relevance.sh          (HRLEX_BENCH_DIR, default /tmp/hrlex-bench)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BENCH_DIR=${HRLEX_BENCH_DIR:-/tmp/hrlex-bench}
TOOLS=$BENCH_DIR/tools
OUT=$BENCH_DIR/relevance
CORPUS=${HRLEX_CORPUS:-$("$ROOT/scripts/dev-corpus.sh" || true)}  # default ../shared/corpus
JUDGMENTS=$ROOT/tests/relevance/judgments.jsonl
SOURCE=$BENCH_DIR/source/real-no-ocr.jsonl
mkdir -p "$OUT" "$BENCH_DIR/source"
log() { echo "[relevance] $*" >&2; }

"$HERE/install_peers.sh" lucene >&2
(cd "$ROOT" && cargo build --release --locked --bin hrlex >&2)
HRLEX=$ROOT/target/release/hrlex
if [[ ! -s $SOURCE ]]; then
  log "hrlex ingest --no-ocr of $CORPUS (once; cached in $SOURCE)"
  status=0
  "$HRLEX" ingest --no-ocr --corpus "$CORPUS" --out "$SOURCE.part" > /dev/null || status=$?
  ((status == 0 || status == 1)) || { echo "hrlex ingest failed ($status)" >&2; exit 1; }
  mv "$SOURCE.part" "$SOURCE"
fi

log "hrlex index --no-ocr (incremental)"
status=0
"$HRLEX" index --no-ocr --corpus "$CORPUS" --index "$OUT/hrlex-index" > /dev/null || status=$?
((status == 0 || status == 1)) || { echo "hrlex index failed ($status)" >&2; exit 1; }

mkdir -p "$BENCH_DIR/lucene-classes"
javac -cp "$TOOLS/anserini.jar" -d "$BENCH_DIR/lucene-classes" "$HERE/engines/lucene/LuceneBench.java"
LUCENE="java -Xmx4g -cp $TOOLS/anserini.jar:$BENCH_DIR/lucene-classes LuceneBench"
if [[ ! -d $OUT/lucene-index || $SOURCE -nt $OUT/lucene-index ]]; then
  log "Lucene index of $SOURCE"
  rm -rf "$OUT/lucene-index"
  $LUCENE index "$SOURCE" "$OUT/lucene-index" 2 >&2
fi

python3 "$HERE/relevance.py" queries "$JUDGMENTS" > "$OUT/queries.json"
$LUCENE search "$OUT/lucene-index" "$OUT/queries.json" 0 1 "$OUT/lucene.search.json" >&2
python3 - "$HRLEX" "$OUT/hrlex-index" "$OUT/queries.json" > "$OUT/hrlex.search.json" <<'PY'
import json, subprocess, sys
hrlex, index, queries = sys.argv[1:4]
results = []
for line in open(queries, encoding="utf-8"):
    query = json.loads(line)
    answer = subprocess.run([hrlex, "search", "--json", "--limit", "10", "--index", index, "--", query["query"]],
                            check=True, capture_output=True, text=True).stdout
    results.append({"n": query["n"], "ids": [hit["id"] for hit in json.loads(answer)["hits"]]})
json.dump(results, sys.stdout)
PY
python3 "$HERE/relevance.py" score "$JUDGMENTS" "hrlex=$OUT/hrlex.search.json" "lucene=$OUT/lucene.search.json"
