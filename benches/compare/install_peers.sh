#!/usr/bin/env bash
# Installs the peer engines of the side-by-side benchmark, from package registries only,
# into $HRLEX_BENCH_DIR/tools (default /tmp/hrlex-bench/tools); idempotent.
#
#   install_peers.sh [ENGINE...]   only the peers among ENGINE (default: all of them)
#
#   tantivy-cli   cargo install tantivy-cli (crates.io, not --locked), its own release
#                 profile (opt-level 3, no LTO, default codegen units) but without debug
#                 info (CARGO_PROFILE_RELEASE_DEBUG=0; its Cargo.toml asks for debug = 2,
#                 which only slows the build and does not change the machine code)
#   Xapian        Debian python3-xapian (used from /usr/bin/python3)
#   SQLite FTS5   Python's sqlite3 module of /usr/bin/python3 (trigram tokenizer: SQLite >= 3.34)
#   Lucene        the Anserini fat jar inside the pyserini==0.25.0 wheel (PyPI), run on Java 17
#   GNU time      Debian time (/usr/bin/time -v for peak memory)
#
# Elasticsearch, OpenSearch, Meilisearch, Quickwit and Typesense are not installable from
# the registries this machine reaches (they ship as downloads outside them), so they are
# not compared.
set -euo pipefail

if [[ "${1:-}" == "--help" || "${1:-}" == "-h" ]]; then
  sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

WANT=" ${*:-lucene tantivy-cli xapian sqlite} "
want() { [[ $WANT == *" $1 "* ]]; }
BENCH_DIR=${HRLEX_BENCH_DIR:-/tmp/hrlex-bench}
TOOLS=$BENCH_DIR/tools
mkdir -p "$TOOLS"
log() { echo "[install] $*" >&2; }

apt_missing=()
if want xapian; then /usr/bin/python3 -c 'import xapian' 2>/dev/null || apt_missing+=(python3-xapian); fi
[[ -x /usr/bin/time ]] || apt_missing+=(time)
if want lucene; then
  command -v javac >/dev/null || apt_missing+=(openjdk-17-jdk-headless)
  command -v unzip >/dev/null || apt_missing+=(unzip)
fi
if ((${#apt_missing[@]})); then
  log "apt-get install ${apt_missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >&2
fi
if want xapian; then
  /usr/bin/python3 -c 'import xapian' || { echo "python3-xapian missing for /usr/bin/python3" >&2; exit 1; }
fi
if want sqlite; then
  /usr/bin/python3 -c 'import sqlite3; assert tuple(map(int, sqlite3.sqlite_version.split("."))) >= (3, 34)' \
    || { echo "SQLite >= 3.34 (FTS5 trigram) missing for /usr/bin/python3" >&2; exit 1; }
fi

if want tantivy-cli && [[ ! -x $TOOLS/bin/tantivy ]]; then
  log "cargo install tantivy-cli (release, no debug info; ~8-15 min on 2 busy cores)"
  CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_TARGET_DIR=$BENCH_DIR/tantivy-cli-target \
    cargo install tantivy-cli --root "$TOOLS" >&2
fi

if want lucene && [[ ! -f $TOOLS/anserini.jar ]]; then
  log "pip download pyserini==0.25.0 (wheel only) and unzip its Anserini fat jar"
  mkdir -p "$TOOLS/wheel"
  python3 -m pip download --no-deps --only-binary=:all: -d "$TOOLS/wheel" pyserini==0.25.0 >&2
  wheel=$(ls "$TOOLS"/wheel/pyserini-0.25.0-*.whl | head -1)
  jar=$(unzip -Z1 "$wheel" | grep -E 'resources/jars/anserini-.*-fatjar\.jar$' | head -1)
  [[ -n $jar ]] || { echo "no Anserini fat jar inside $wheel" >&2; exit 1; }
  unzip -o -q -j "$wheel" "$jar" -d "$TOOLS/wheel"
  mv "$TOOLS/wheel/$(basename "$jar")" "$TOOLS/anserini.jar"
fi
log "peers ready in $TOOLS:$(want tantivy-cli && echo " tantivy $("$TOOLS/bin/tantivy" --version 2>/dev/null | head -1 || echo '?'),")$(want xapian && echo " xapian $(/usr/bin/python3 -c 'import xapian; print(xapian.version_string())'),")$(want sqlite && echo " sqlite $(/usr/bin/python3 -c 'import sqlite3; print(sqlite3.sqlite_version)'),")$(want lucene && echo " $(basename "$(unzip -Z1 "$TOOLS"/wheel/pyserini-0.25.0-*.whl | grep fatjar | head -1)")")"
