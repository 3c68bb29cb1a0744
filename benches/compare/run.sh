#!/usr/bin/env bash
# Side-by-side benchmark of hrlex against other search engines on a scaled corpus made of
# the real text of ../shared/corpus (issue 7). One command:
#
#   benches/compare/run.sh [--quick|--full] [--size N] [--seed S] [--rounds R] [--e2e] [--write]
#
#   --quick     20,000 synthetic documents, 10 query rounds (default; < 15 min once the
#               peers are installed and the real corpus is ingested: both are cached)
#   --full      1,000,000 documents, 5 rounds (opt-in: hours, tens of GB under the bench dir)
#   --size N    another number of documents (e.g. 100000)
#   --e2e       also hrlex's end-to-end costs: citation extraction MB/s (cargo bench -p
#               hrlex-cite), PDF extraction against pdftotext (cargo bench -p hrlex-ingest
#               --bench pdf_extraction), incremental `hrlex index` on a copy of the real corpus
#   --write     put the tables into the "Side-by-side comparison" section of BENCHMARKS.md
#   --engines "hrlex lucene tantivy-cli xapian sqlite"   a subset; engines can be run in
#               separate invocations into the same run directory (same --size/--seed): each
#               invocation replaces only its engines' results, and the report covers every
#               engine that has results there, with when (UTC) and from which commit each
#               was measured ($RUN/<engine>.measured)
#
# Everything generated (peers, source JSON lines, corpora, indexes, results) goes under
# $HRLEX_BENCH_DIR (default /tmp/hrlex-bench), never into the repository. The tables are
# printed and kept in $HRLEX_BENCH_DIR/runs/<size>-s<seed>/report.md.
#
# Peers: tantivy-cli, Xapian, SQLite FTS5, Lucene (Anserini jar): see install_peers.sh.
# Elasticsearch, OpenSearch, Meilisearch, Quickwit and Typesense cannot be installed
# from the package registries this machine reaches.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BENCH_DIR=${HRLEX_BENCH_DIR:-/tmp/hrlex-bench}
CORPUS=${HRLEX_CORPUS:-$("$ROOT/scripts/dev-corpus.sh" || true)}  # default ../shared/corpus
SIZE=20000
ROUNDS=10
SEED=7
E2E=0
WRITE=0
ENGINES="hrlex lucene tantivy-cli xapian sqlite"
THREADS=$(nproc)
ARGUMENTS="$*"

while (($#)); do
  case $1 in
    --quick) SIZE=20000; ROUNDS=10 ;;
    --full) SIZE=1000000; ROUNDS=5; E2E=1 ;;
    --size) SIZE=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --engines) ENGINES=$2; shift ;;
    --e2e) E2E=1 ;;
    --write) WRITE=1 ;;
    -h|--help) sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
STARTED=$(date +%s)
INVOCATION=$(date -u +%Y-%m-%dT%H:%M:%SZ)
RUN=$BENCH_DIR/runs/$SIZE-s$SEED
mkdir -p "$RUN" "$BENCH_DIR/source"
TOOLS=$BENCH_DIR/tools
export HRLEX_BENCH_DIR=$BENCH_DIR
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
HRLEX_BIN=$TARGET/release/hrlex
# the driver shares the workspace's target dir: with the same dependency versions
# (Cargo.lock) and features (hrlex-driver/Cargo.toml) it reuses what `cargo build
# --release -p hrlex` compiled and only compiles the hrlex crates it uses and itself
DRIVER_TARGET=${HRLEX_DRIVER_TARGET:-$TARGET}
DRIVER=$DRIVER_TARGET/release/hrlex-bench-driver

# Each phase of this invocation, appended to $RUN/phases.tsv: invocation start (UTC),
# phase, wall seconds, CPU seconds (user + sys of the phase's processes), 1-minute load
# average at its end. Wall ÷ CPU says how much a busy machine stretched it.
PHASES=$RUN/phases.tsv
phase() {
  local name=$1 times wall user sys status=0 TIMEFORMAT='%R %U %S'
  shift
  times=$(mktemp)
  { time "$@" 2>&3; } 3>&2 2>"$times" || status=$?
  read -r wall user sys < "$times"
  rm -f "$times"
  printf '%s\t%s\t%.0f\t%.0f\t%s\n' "$INVOCATION" "$name" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$(cut -d' ' -f1 /proc/loadavg)" >> "$PHASES"
  return "$status"
}

has_engine() { [[ " $ENGINES " == *" $1 "* ]]; }
PEERS=()
for engine in $ENGINES; do
  case $engine in
    hrlex) ;;
    lucene|tantivy-cli|xapian|sqlite) PEERS+=("$engine") ;;
    *) echo "unknown engine $engine" >&2; exit 2 ;;
  esac
done

# The peers install in the background (cargo install tantivy-cli is the longest step of a
# first run) while hrlex is built, the corpus ingested and generated; measuring starts
# only once it is done, so that no build competes with a measurement.
INSTALL_LOG=$BENCH_DIR/install-peers.log
INSTALL_PID=
if ((${#PEERS[@]})); then
  log "installing peers ${PEERS[*]} in the background (cached in $TOOLS; log $INSTALL_LOG)"
  phase install-peers "$HERE/install_peers.sh" "${PEERS[@]}" > "$INSTALL_LOG" 2>&1 &
  INSTALL_PID=$!
fi
wait_peers() {
  [[ -n $INSTALL_PID ]] || return 0
  log "waiting for the peers' installation (pid $INSTALL_PID)"
  wait "$INSTALL_PID" || { tail -20 "$INSTALL_LOG" >&2; echo "installing the peers failed; see $INSTALL_LOG" >&2; exit 1; }
  INSTALL_PID=
  cat "$INSTALL_LOG" >&2
}

build_hrlex() { (cd "$ROOT" && cargo build --release -p hrlex >&2); }
build_driver() {
  cp "$ROOT/Cargo.lock" "$HERE/hrlex-driver/Cargo.lock"
  CARGO_TARGET_DIR=$DRIVER_TARGET cargo build --release --manifest-path "$HERE/hrlex-driver/Cargo.toml" >&2
}
# --no-ocr: OCR of the few image-only PDFs (tesseract, page by page, up to 60 s a call)
# made most of the ingest's wall time (pdf-edge-cases alone: 11 s without, over 6 min
# with) for 9 of ~88,700 documents; the generator only needs real paragraphs.
ingest() {
  # (`local`: bash scoping is dynamic, and `phase` returns its own `status`.)
  local ingest_status=0
  "$HRLEX_BIN" ingest --no-ocr --corpus "$CORPUS" --out "$SOURCE.part" > "$BENCH_DIR/source/ingest-summary.txt" || ingest_status=$?
  # 1 = some files failed: expected (the PDF edge cases, image-only PDFs without OCR)
  if ((ingest_status != 0 && ingest_status != 1)); then
    echo "hrlex ingest failed ($ingest_status)" >&2
    exit 1
  fi
  mv "$SOURCE.part" "$SOURCE"
}

SOURCE=$BENCH_DIR/source/real-no-ocr.jsonl
[[ -s $SOURCE ]] || [[ ! -s $BENCH_DIR/source/real.jsonl ]] || SOURCE=$BENCH_DIR/source/real.jsonl  # older cache, made with OCR
DOCS=$BENCH_DIR/corpus-$SIZE-s$SEED.jsonl
NEED_SOURCE=0
[[ -s $DOCS && -s $DOCS.stats.json ]] || [[ -s $SOURCE ]] || NEED_SOURCE=1
if ((NEED_SOURCE || E2E)); then
  log "building the hrlex binary (release; for the ingest and --e2e)"
  phase build-hrlex build_hrlex
fi
if ((NEED_SOURCE)); then
  log "hrlex ingest over the real corpus $CORPUS (once; cached in $SOURCE)"
  phase ingest ingest
fi
generate() {
  python3 "$HERE/gen_corpus.py" --source "$SOURCE" --count "$SIZE" --seed "$SEED" --out "$DOCS.part"
  mv "$DOCS.part.stats.json" "$DOCS.stats.json"
  mv "$DOCS.part" "$DOCS"
}
if [[ ! -s $DOCS || ! -s $DOCS.stats.json ]]; then
  log "generating $SIZE documents (seed $SEED)"
  phase generate generate
fi
if has_engine hrlex; then
  log "building the in-process hrlex driver (benches/compare/hrlex-driver, target $DRIVER_TARGET)"
  phase build-driver build_driver
fi
wait_peers
if has_engine lucene; then
  mkdir -p "$BENCH_DIR/lucene-classes"
  javac -cp "$TOOLS/anserini.jar" -d "$BENCH_DIR/lucene-classes" "$HERE/engines/lucene/LuceneBench.java"
fi
cp "$DOCS.stats.json" "$RUN/corpus.stats.json"
python3 "$HERE/querylang.py" "$HERE/queries/queries.txt" > "$RUN/queries.json"

# timed ENGINE PHASE COMMAND...: runs COMMAND under GNU time (wall, CPU, peak RSS).
timed() {
  local engine=$1 phase=$2
  shift 2
  /usr/bin/time -v -o "$RUN/$engine.$phase.time" "$@" > "$RUN/$engine.$phase.out"
}

REVISION=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$ROOT" status --porcelain 2>/dev/null) ]]; then REVISION="$REVISION+dirty"; fi
CORPUS_STATS_SHA=$(sha256sum "$RUN/corpus.stats.json" | cut -c1-16)

for engine in $ENGINES; do
  index=$RUN/index-$engine
  # a re-run of an engine replaces all of its earlier results in this run directory
  rm -rf "$index" "$RUN/$engine".* "$RUN/$engine-files"
  mkdir -p "$index"
  printf 'started=%s\nrevision=%s\ncommand=%s\ncorpus_stats_sha256=%s\nhost_load=%s\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$REVISION" "benches/compare/run.sh $ARGUMENTS" "$CORPUS_STATS_SHA" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" > "$RUN/$engine.measured.part"
  log "$engine: indexing"
  engine_t0=$(date +%s)
  case $engine in
    hrlex)
      rm -f "$RUN"/hrlex-plain.*
      timed hrlex index "$DRIVER" index --docs "$DOCS" --index "$index" --files "$RUN/hrlex-files" --threads "$THREADS"
      du -sb "$index" | cut -f1 > "$RUN/hrlex.size"
      du -ab "$index" > "$RUN/hrlex.files"
      log "$engine: queries"
      "$DRIVER" search --index "$index" --queries "$RUN/queries.json" --rounds "$ROUNDS" --threads "$THREADS" --out "$RUN/hrlex.search.json"
      # Like for like: the same index, hits without paragraphs, snippets or translations
      # (what the peers return), reported as the engine `hrlex-plain`.
      log "$engine: queries again, top-10 ids only (hrlex-plain)"
      "$DRIVER" search --index "$index" --queries "$RUN/queries.json" --rounds "$ROUNDS" --threads "$THREADS" --out "$RUN/hrlex-plain.search.json" --details off
      for part in index.time size files; do cp "$RUN/hrlex.$part" "$RUN/hrlex-plain.$part"; done
      log "$engine: incremental update (unchanged, then 1% of files changed)"
      "$DRIVER" incremental --docs "$DOCS" --index "$index" --files "$RUN/hrlex-files" --threads "$THREADS" --changed-percent 1 > "$RUN/hrlex.incremental.json"
      ;;
    lucene)
      timed lucene index java -Xmx4g -cp "$TOOLS/anserini.jar:$BENCH_DIR/lucene-classes" LuceneBench index "$DOCS" "$index" "$THREADS"
      du -sb "$index" | cut -f1 > "$RUN/lucene.size"
      log "$engine: queries"
      java -Xmx4g -cp "$TOOLS/anserini.jar:$BENCH_DIR/lucene-classes" LuceneBench search "$index" "$RUN/queries.json" "$ROUNDS" "$THREADS" "$RUN/lucene.search.json"
      ;;
    tantivy-cli)
      timed tantivy-cli index python3 "$HERE/engines/tantivy_cli_driver.py" index --tantivy "$TOOLS/bin/tantivy" --docs "$DOCS" --index "$index" --threads "$THREADS"
      du -sb "$index" | cut -f1 > "$RUN/tantivy-cli.size"
      log "$engine: queries"
      python3 "$HERE/engines/tantivy_cli_driver.py" search --tantivy "$TOOLS/bin/tantivy" --index "$index" --queries "$RUN/queries.json" --rounds "$ROUNDS" --threads "$THREADS" --out "$RUN/tantivy-cli.search.json"
      ;;
    xapian)
      timed xapian index /usr/bin/python3 "$HERE/engines/xapian_driver.py" index --docs "$DOCS" --index "$index"
      du -sb "$index" | cut -f1 > "$RUN/xapian.size"
      log "$engine: queries"
      /usr/bin/python3 "$HERE/engines/xapian_driver.py" search --index "$index" --queries "$RUN/queries.json" --rounds "$ROUNDS" --threads "$THREADS" --out "$RUN/xapian.search.json"
      ;;
    sqlite)
      timed sqlite index /usr/bin/python3 "$HERE/engines/sqlite_driver.py" index --docs "$DOCS" --index "$index"
      du -sb "$index" | cut -f1 > "$RUN/sqlite.size"
      log "$engine: queries"
      /usr/bin/python3 "$HERE/engines/sqlite_driver.py" search --index "$index" --queries "$RUN/queries.json" --rounds "$ROUNDS" --threads "$THREADS" --out "$RUN/sqlite.search.json"
      ;;
    *) echo "unknown engine $engine" >&2; exit 2 ;;
  esac
  printf '%s\t%s\t%s\t\t%s\n' "$INVOCATION" "measure-$engine" "$(($(date +%s) - engine_t0))" "$(cut -d' ' -f1 /proc/loadavg)" >> "$PHASES"
  printf 'finished=%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$RUN/$engine.measured.part"
  mv "$RUN/$engine.measured.part" "$RUN/$engine.measured"
  if [ "$engine" = hrlex ]; then cp "$RUN/hrlex.measured" "$RUN/hrlex-plain.measured"; fi
done

if ((E2E)); then
  "$HERE/e2e.sh" "$RUN"
fi

log "report"
python3 "$HERE/report.py" --run "$RUN" --seconds $(( $(date +%s) - STARTED )) --command "benches/compare/run.sh $ARGUMENTS" > "$RUN/report.md"
cat "$RUN/report.md"
if ((WRITE)); then
  python3 "$HERE/report.py" --splice "$RUN/report.md" --into "$ROOT/BENCHMARKS.md"
  log "BENCHMARKS.md updated"
fi
log "phases of this invocation (wall s, CPU s, load at the end):"
grep -F "$INVOCATION" "$PHASES" | cut -f2- | sed 's/^/    /' >&2 || true
log "done in $(( $(date +%s) - STARTED )) s; results in $RUN"
