#!/usr/bin/env bash
# Prints where the development corpus is looked for, by the rule of crates/testkit:
# $HRLEX_DEV_CORPUS (absolute, or relative to the workspace root), else ../shared/corpus
# beside the workspace root. Exits with 1, after printing the path, when it is not a folder.
#   corpus=$(scripts/dev-corpus.sh) || echo "no development corpus at $corpus"
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${HRLEX_DEV_CORPUS:-$(dirname "$root")/shared/corpus}
[[ $corpus == /* ]] || corpus=$root/$corpus
echo "$corpus"
[[ -d $corpus ]]
