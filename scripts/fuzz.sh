#!/usr/bin/env bash
# Fuzzes dataset parsing, "Open dataset…" (every format) and the search query path with
# cargo-fuzz (libFuzzer). Needs the nightly toolchain; installs cargo-fuzz if missing.
#
#   scripts/fuzz.sh                 # 3.4 million runs per target (10.2 million in all)
#   RUNS=100000 scripts/fuzz.sh     # a quick pass
#   scripts/fuzz.sh open_files      # one target
#
# New inputs libFuzzer finds go to target/fuzz-corpus/<target> (not committed); the small
# seed corpus in fuzz/corpus/<target> is. A crash leaves fuzz/artifacts/<target>/crash-*:
# reproduce it with `cargo +nightly fuzz run <target> <file>`, fix it, and add the file to
# the seed corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3400000}"
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(parse_dataset open_files search_query)

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

total=0
for t in "${TARGETS[@]}"; do
  mkdir -p "target/fuzz-corpus/$t"
  log="target/fuzz-$t.log"
  started=$(date +%s)
  # The code under test is safe Rust, so AddressSanitizer finds nothing that a panic would
  # not; without it the search target runs about ten times faster.
  cargo +nightly fuzz run --sanitizer none "$t" "target/fuzz-corpus/$t" "fuzz/corpus/$t" -- \
    -runs="$RUNS" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    >"$log" 2>&1 || { tail -40 "$log"; echo "fuzz: $t FAILED (log: $log)"; exit 1; }
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  secs=$(( $(date +%s) - started ))
  total=$(( total + ${runs:-0} ))
  echo "fuzz: $t ${runs:-?} executions in ${secs}s, no crash"
done
echo "fuzz: $total executions in all"
