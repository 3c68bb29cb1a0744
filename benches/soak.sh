#!/usr/bin/env bash
# Bounded soak of `hrlex serve` (issue 18), opt-in and on loopback only: mixed hostile
# and normal requests at the server's capacity while `hrlex index` reindexes the served
# folder in a loop, with a flood of idle and slow-header sockets.
#
#   benches/soak.sh                      # 10 minutes
#   MINUTES=2 WORKERS=4 benches/soak.sh
#
# Builds the release binary, copies corpus/ (the embedded sample) to a temporary folder,
# indexes it, serves it with `--no-update`, runs benches/soak.py against it and prints
# its report (status counts, p50/p99 latency, RSS over time, reindex outcomes). Fails
# when the server crashed or answered a 500 or an undocumented 5xx.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MINUTES=${MINUTES:-10}
WORKERS=${WORKERS:-8}
PORT=${PORT:-18090}
ADDRESS=127.0.0.1:$PORT
BINARY=$ROOT/target/release/hrlex
WORK=$(mktemp -d)

(cd "$ROOT" && cargo build --release --bin hrlex >&2)
cp -a "$ROOT/corpus" "$WORK/corpus"
"$BINARY" index --corpus "$WORK/corpus" --index "$WORK/index" >/dev/null
HRLEX_LOG=${HRLEX_LOG:-error} "$BINARY" serve --no-update --index "$WORK/index" --addr "$ADDRESS" 2>"$WORK/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://$ADDRESS/healthz" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { echo "hrlex serve exited" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.2
done
echo "commit $(git -C "$ROOT" rev-parse --short HEAD); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "index: $(curl -s "http://$ADDRESS/api/info" | sed -n 's/.*"documents":\([0-9]*\).*/\1/p') documents; open-file limit of the server: $(awk '/Max open files/ {print $4}' /proc/$SERVER/limits)"
STATUS=0
python3 "$ROOT/benches/soak.py" --addr "$ADDRESS" --pid "$SERVER" --binary "$BINARY" \
  --corpus "$WORK/corpus" --index "$WORK/index" --minutes "$MINUTES" --workers "$WORKERS" || STATUS=$?
if grep -E "panicked|overflowed its stack" "$WORK/server.log" >&2; then STATUS=1; fi
echo "server log: $(wc -l <"$WORK/server.log") lines at level ${HRLEX_LOG:-error}; the last ones:"
tail -n 5 "$WORK/server.log" | cut -c1-300
exit $STATUS
