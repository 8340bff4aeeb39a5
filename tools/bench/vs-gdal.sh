#!/usr/bin/env bash
# Side by side, in one run: `deploymap validate` and GDAL's `ogrinfo -al -so` on the same big
# GeoJSON of timed points (written by examples/big_geojson.rs). Prints each one's CPU time
# (user + system, median of RUNS runs), peak resident memory (largest of the runs, from
# /usr/bin/time -v), and our CPU as a multiple of GDAL's.
#
#   tools/bench/vs-gdal.sh [WORK_DIR] [POINTS]     # defaults: /tmp/deploymap-vs-gdal 1000000
#
# RUNS (default 5) sets the number of runs. Skips, with a message, when GDAL is not installed
# (Debian: apt-get install gdal-bin).
set -euo pipefail
cd "$(dirname "$0")/../.."

work=${1:-/tmp/deploymap-vs-gdal}
points=${2:-1000000}
runs=${RUNS:-5}

if ! command -v ogrinfo >/dev/null 2>&1; then
  echo "skipped: GDAL's ogrinfo is not installed (Debian: apt-get install gdal-bin)"
  exit 0
fi
if [ ! -x /usr/bin/time ]; then
  echo "skipped: /usr/bin/time is not installed (Debian: apt-get install time)"
  exit 0
fi

cargo build --release --quiet --bin deploymap --example big_geojson
mkdir -p "$work"
file="$work/big-$points.geojson"
if [ ! -s "$file" ]; then
  target/release/examples/big_geojson "$file" "$points"
fi
size_mb=$(( $(stat -c %s "$file") / 1000000 ))

# Runs a command RUNS times; prints "median_cpu_s peak_rss_mb".
measure() {
  local cpu=() peak_kb=0
  for _ in $(seq "$runs"); do
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
    local user sys rss
    user=$(awk -F': ' '/User time/ {print $2}' "$log")
    sys=$(awk -F': ' '/System time/ {print $2}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    rm -f "$log"
    cpu+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')")
    [ "$rss" -gt "$peak_kb" ] && peak_kb=$rss
  done
  local median
  median=$(printf '%s\n' "${cpu[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median $(( peak_kb / 1024 ))"
}

echo "file: $file ($points points, $size_mb MB); $runs runs each"
read -r ours_cpu ours_mb < <(measure target/release/deploymap validate "$file")
read -r gdal_cpu gdal_mb < <(measure ogrinfo -al -so "$file")
div() { awk -v a="$1" -v b="$2" 'BEGIN {print (b > 0 ? a / b : 0)}'; }
printf '\n| | CPU s (median of %d) | peak memory |\n|---|---|---|\n' "$runs"
printf '| `deploymap validate` | %.2f | %d MB |\n' "$ours_cpu" "$ours_mb"
printf '| GDAL `ogrinfo -al -so` | %.2f | %d MB |\n' "$gdal_cpu" "$gdal_mb"
printf '\nCPU: %.2f x GDAL; peak memory: %.1f x GDAL, %.1f x the file\n' \
  "$(div "$ours_cpu" "$gdal_cpu")" "$(div "$ours_mb" "$gdal_mb")" "$(div "$ours_mb" "$size_mb")"
