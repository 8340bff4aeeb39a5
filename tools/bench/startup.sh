#!/usr/bin/env bash
# Start-up, measured from outside as a user sees it: starts each given binary (default: the
# release build) under Xvfb with a fresh configuration folder, screenshots the screen every
# ~50 ms, and reports, from the moment the process was started:
#   window   - the first screenshot that is not blank,
#   basemap  - the first one where the built-in basemap's land colour covers part of the map,
#   settled  - the first one after which the picture no longer changes.
# Each binary runs RUNS times (default 5), interleaved, so binaries are compared side by side
# under the same load; the medians are printed last.
#
#   tools/bench/startup.sh [BINARY ...]          # default: target/release/deploymap
#
# DISPLAY_NUMBER (default 99) is the X display Xvfb is started on; WATCH_SECS (default 4) how
# long each run is watched. Needs Xvfb and ImageMagick (Debian: apt-get install xvfb
# imagemagick); skips with a message without them. The embedded basemap's copy in the cache
# folder is made by one warm-up run and kept, as it is on a user's machine after the first start.
set -euo pipefail
cd "$(dirname "$0")/../.."

display=${DISPLAY_NUMBER:-99}
runs=${RUNS:-5}
watch_secs=${WATCH_SECS:-4}
width=1280
height=800
# The light basemap's land colour (assets/basemap/style-light.json, "earth").
land='#efeee9'

bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  bins=(target/release/deploymap)
fi
for tool in Xvfb import identify convert awk; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "skipped: $tool is not installed (Debian: apt-get install xvfb imagemagick)"
    exit 0
  fi
done
for bin in "${bins[@]}"; do
  [ -x "$bin" ] || { echo "no executable at $bin (cargo build --release first)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/deploymap-startup.XXXXXX)
Xvfb ":$display" -screen 0 "${width}x${height}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
export DISPLAY=":$display"
home="$work/home"
mkdir -p "$home/.cache"

now() { date +%s.%N; }

# run_once BINARY DIR: screenshots of one start, named by seconds since the process started.
run_once() {
  local bin=$1 dir=$2 start elapsed pid i=0
  mkdir -p "$dir"
  rm -rf "$home/.config" "$home/.local"
  start=$(now)
  HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    XDG_CACHE_HOME="$home/.cache" "$bin" >"$dir/log" 2>&1 &
  pid=$!
  while :; do
    elapsed=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
    if awk -v e="$elapsed" -v w="$watch_secs" 'BEGIN { exit !(e > w) }'; then
      break
    fi
    import -window root "$dir/$(printf %04d $i)_$elapsed.png" 2>/dev/null || true
    i=$((i + 1))
    sleep 0.05
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# analyse DIR: prints "window basemap settled" in seconds ("-" when never seen).
analyse() {
  local dir=$1 shot t signature fraction last_signature="" window="-" basemap="-" settled="-"
  local final
  final=$(identify -format '%#' "$(ls "$dir"/*.png | tail -1)")
  for shot in "$dir"/*.png; do
    t=${shot##*_}
    t=${t%.png}
    signature=$(identify -format '%#' "$shot")
    if [ "$window" = "-" ]; then
      # Blank: one colour over the whole screen.
      if [ "$(convert "$shot" -format '%k' info:)" -gt 1 ]; then window=$t; fi
    fi
    if [ "$basemap" = "-" ]; then
      # The middle of the map: the share of pixels in the land colour.
      fraction=$(convert "$shot" -crop 500x350+450+150 +repage -fuzz 2% \
        -fill black +opaque "$land" -fill white -opaque "$land" -format '%[fx:mean]' info:)
      if awk -v f="$fraction" 'BEGIN { exit !(f > 0.2) }'; then basemap=$t; fi
    fi
    if [ "$signature" != "$last_signature" ]; then
      settled=$t
      last_signature=$signature
    fi
    if [ "$signature" = "$final" ] && [ "$basemap" != "-" ]; then
      break
    fi
  done
  echo "$window $basemap $settled"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "warm-up run (writes the basemap's cache copy)"
run_once "${bins[0]}" "$work/warm-up"

for run in $(seq 1 "$runs"); do
  for index in "${!bins[@]}"; do
    dir="$work/b$index-r$run"
    run_once "${bins[$index]}" "$dir"
    read -r window basemap settled < <(analyse "$dir")
    echo "$window $basemap $settled" >>"$work/b$index.results"
    printf '%-40s run %d: window %ss, basemap %ss, settled %ss (%d screenshots)\n' \
      "${bins[$index]}" "$run" "$window" "$basemap" "$settled" "$(ls "$dir"/*.png | wc -l)"
  done
done

echo
echo "medians of $runs runs, seconds from process start (${width}x${height}, Xvfb, $(glxinfo -B 2>/dev/null | awk -F': ' '/renderer string/ { print $2 }' || true)):"
for index in "${!bins[@]}"; do
  file="$work/b$index.results"
  printf '%-40s window %s  basemap %s  settled %s\n' "${bins[$index]}" \
    "$(awk '$1 != "-" { print $1 }' "$file" | median)" \
    "$(awk '$2 != "-" { print $2 }' "$file" | median)" \
    "$(awk '$3 != "-" { print $3 }' "$file" | median)"
done
