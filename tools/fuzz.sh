#!/usr/bin/env bash
# Runs every fuzz target under fuzz/ for MINUTES in all (default 10), shared evenly, and prints
# the executions per target. Inputs that crash, hang or run out of memory are copied to
# tests/fixtures/regressions/TARGET/, where the stable `cargo test` replays them; the script then
# exits 1.
#
#   tools/fuzz.sh [MINUTES] [TARGET...]
#   SANITIZER=none tools/fuzz.sh 10     # faster, without AddressSanitizer (the default is address)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly compiler; without a nightly
# toolchain it uses the stable one with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
minutes=${1:-10}
shift || true
sanitizer=${SANITIZER:-address}

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi

cd fuzz
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <("${fuzz[@]}" list)
fi
seconds=$(( minutes * 60 / ${#targets[@]} ))
[ "$seconds" -ge 1 ] || seconds=1

"${fuzz[@]}" build -O --debug-assertions --sanitizer "$sanitizer" >/dev/null

printf '%-22s %14s %10s %8s\n' target executions exec/s corpus
failed=0
for target in "${targets[@]}"; do
  # The working corpus (not committed) grows from the seeds: the test fixtures, data/, and the
  # target's own seeds; every input ever found to fail is read again each run.
  # Findings of earlier runs are already under tests/fixtures/regressions/.
  rm -rf "artifacts/$target"
  mkdir -p "corpus/$target" "artifacts/$target" logs
  seeds=("$root/tests/fixtures" "$root/data")
  [ -d "seeds/$target" ] && seeds+=("seeds/$target")
  log="logs/$target.log"
  status=0
  "${fuzz[@]}" run -O --debug-assertions --sanitizer "$sanitizer" "$target" \
    "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "corpus/$target" -type f | wc -l)
  printf '%-22s %14s %10s %8s\n' "$target" "${executions:-?}" "${speed:-?}" "$corpus"
  found=$(find "artifacts/$target" -type f)
  if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    failed=1
    mkdir -p "$root/tests/fixtures/regressions/$target"
    for file in $found; do
      cp "$file" "$root/tests/fixtures/regressions/$target/"
      echo "  found $(basename "$file"): copied to tests/fixtures/regressions/$target/"
    done
    echo "  log: fuzz/$log"
  fi
done
exit "$failed"
