#!/usr/bin/env bash
# The whole test suite: installs the system tools the tests need, then runs every test of
# the workspace (extra arguments go to `cargo test`).
#
# Tests that need the development corpus, which is not part of the repository, find it
# through $HRLEX_DEV_CORPUS or at ../shared/corpus (scripts/dev-corpus.sh). Without it they
# report themselves skipped and pass; this script lists them at the end and says how to
# run them. With HRLEX_REQUIRE_DEV_CORPUS=1 (as CI sets) a missing corpus fails them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

# Each skipped test appends one line here (crates/testkit), past cargo's output capture.
HRLEX_SKIP_LOG=$(mktemp "${TMPDIR:-/tmp}/hrlex-skipped.XXXXXX")
export HRLEX_SKIP_LOG
trap 'rm -f "$HRLEX_SKIP_LOG"' EXIT

status=0
cargo test --workspace --locked --no-fail-fast "$@" || status=$?

if [[ -s $HRLEX_SKIP_LOG ]]; then
  corpus=$(scripts/dev-corpus.sh || true)
  skipped=$(sed -E 's/^SKIPPED \(needs the development corpus\): ([^ ]+) .*/\1/' "$HRLEX_SKIP_LOG" | sort -u)
  echo
  echo "NOT RUN: $(wc -l <<<"$skipped") tests need the development corpus, which is not at $corpus"
  echo "(they passed as skipped; every other test ran):"
  sed 's/^/  /' <<<"$skipped"
  echo "To run them too: HRLEX_DEV_CORPUS=/path/to/corpus scripts/test.sh"
  echo "(or place the corpus at $corpus; HRLEX_REQUIRE_DEV_CORPUS=1 makes its absence a failure)."
else
  echo
  echo "Every test ran (development corpus: $(scripts/dev-corpus.sh || true))."
fi
exit "$status"
