#!/usr/bin/env bash
# The whole test suite: installs the system tools the tests need, then runs every test of
# the workspace. Tests read ../shared/corpus (the development corpus) beside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo test --workspace --locked --no-fail-fast "$@"
