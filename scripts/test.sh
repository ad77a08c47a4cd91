#!/usr/bin/env bash
# Runs every cargo test in the workspace (core unit tests and the Chromium end-to-end tests)
# and ends with one plain "N passed, N failed, N skipped" line so CI can read the outcome.
# A test that cannot run here (it needs ../shared/reference) returns early, but says so in
# the file ATLAS_SKIPPED names; it is counted as skipped, not passed, and named below.
set -uo pipefail
cd "$(dirname "$0")/.."
export ATLAS_E2E_DIST="${ATLAS_E2E_DIST:-$PWD/target/e2e-dist}"
log=$(mktemp)
ATLAS_SKIPPED=$(mktemp)
export ATLAS_SKIPPED
# One test at a time: each browser test starts its own Chromium, and this machine has 2 cores.
cargo test --workspace --all-targets -- --test-threads=1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(grep -Eo '^test result: .* ([0-9]+) passed' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo '^test result: .* ([0-9]+) failed' "$log" | grep -Eo '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
skipped=$(sort -u "$ATLAS_SKIPPED" | grep -c . || true)
passed=$((passed - skipped))
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
if [ "$skipped" -gt 0 ]; then
  echo "skipped:"
  sort -u "$ATLAS_SKIPPED" | sed 's/^/  /'
fi
rm -f "$ATLAS_SKIPPED"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
