#!/usr/bin/env bash
# Load benchmark of `hrlex serve` with wrk on loopback, bounded in time.
#
#   benches/load.sh                 # 10 s per level, concurrency 1 8 32
#   DURATION=5s LEVELS="1 8" benches/load.sh
#
# Builds the release binary, serves INDEX (default: index/, built from corpus/ by
# `hrlex serve` itself when missing or stale), runs wrk for each typical query at each
# concurrency level, prints a Markdown table (requests/s, p50, p99, errors) and fails
# when any request errored (non-2xx or socket error).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10s}
LEVELS=${LEVELS:-"1 8 32"}
PORT=${PORT:-18080}
INDEX=${INDEX:-$ROOT/index}
CORPUS=${CORPUS:-$ROOT/corpus}
ADDRESS=127.0.0.1:$PORT
BINARY=$ROOT/target/release/hrlex

command -v wrk >/dev/null || { echo "wrk is missing: run scripts/install-deps.sh" >&2; exit 2; }
(cd "$ROOT" && cargo build --release --bin hrlex >&2)

"$BINARY" serve --index "$INDEX" --corpus "$CORPUS" --addr "$ADDRESS" >&2 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://$ADDRESS/healthz" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { echo "hrlex serve exited" >&2; exit 1; }
  sleep 1
done
curl -sf "http://$ADDRESS/healthz" >/dev/null || { echo "server not healthy" >&2; exit 1; }
DOCUMENTS=$(curl -s "http://$ADDRESS/api/info" | sed -n 's/.*"documents":\([0-9]*\).*/\1/p')

# name|path (query strings percent-encoded)
QUERIES=(
  "term: torture|/api/search?q=torture"
  "phrase: \"human rights\"|/api/search?q=%22human%20rights%22"
  "filtered: torture + mechanism:cat, by date|/api/search?q=torture&filter=mechanism:cat&sort=date"
  "Chinese: 联合国|/api/search?q=%E8%81%94%E5%90%88%E5%9B%BD"
)

echo "index: $INDEX ($DOCUMENTS documents); wrk $DURATION per level; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| query | concurrency | requests/s | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|---:|"
FAILED=0
for entry in "${QUERIES[@]}"; do
  NAME=${entry%%|*}
  URLPATH=${entry#*|}
  STATUS=$(curl -s -o /dev/null -w '%{http_code}' "http://$ADDRESS$URLPATH")
  [ "$STATUS" = 200 ] || { echo "$NAME answers $STATUS" >&2; exit 1; }
  for CONNECTIONS in $LEVELS; do
    THREADS=$(( CONNECTIONS < 2 ? 1 : 2 ))
    OUTPUT=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 10s --latency "http://$ADDRESS$URLPATH")
    RATE=$(awk '/^Requests\/sec/ {print $2}' <<<"$OUTPUT")
    P50=$(awk '$1 == "50%" {print $2}' <<<"$OUTPUT")
    P99=$(awk '$1 == "99%" {print $2}' <<<"$OUTPUT")
    NON2XX=$(awk '/Non-2xx/ {print $NF}' <<<"$OUTPUT")
    SOCKET=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$OUTPUT")
    ERRORS=$(( ${NON2XX:-0} + ${SOCKET:-0} ))
    [ "$ERRORS" = 0 ] || FAILED=1
    echo "| $NAME | $CONNECTIONS | $RATE | $P50 | $P99 | $ERRORS |"
  done
done
exit $FAILED
