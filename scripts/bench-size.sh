#!/usr/bin/env bash
# Prints the raw, gzip (-9) and brotli (-q 11) size of every file in a build, and the totals.
# GitHub Pages serves gzip, so the gzip column is what a first visit downloads.
set -euo pipefail
dir="${1:-dist}"
[ -d "$dir" ] || { echo "no build at $dir: run make dist first" >&2; exit 1; }
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
tr=0; tg=0; tb=0
while IFS= read -r f; do
  r=$(stat -c %s "$f")
  g=$(gzip -9 -c "$f" | wc -c)
  b=$(brotli -q 11 -c "$f" | wc -c)
  tr=$((tr + r)); tg=$((tg + g)); tb=$((tb + b))
  printf '%-48s %10d %10d %10d\n' "${f#"$dir"/}" "$r" "$g" "$b"
done < <(find "$dir" -type f -not -path "$dir/actor/*" | sort)
printf '%-48s %10d %10d %10d\n' "total" "$tr" "$tg" "$tb"
# One static page per actor: never precached, each fetched only when visited.
if [ -d "$dir/actor" ]; then
  n=0; ag=0
  for f in "$dir"/actor/*.html; do n=$((n + 1)); ag=$((ag + $(gzip -9 -c "$f" | wc -c))); done
  printf 'actor pages: %d files, %d bytes gzip in all, %d on average (not in the total above: fetched only when visited)\n' "$n" "$ag" "$((ag / n))"
  # Readable once the page and its stylesheet are in (the page is drawn at build time; the
  # script and wasm do not block rendering). Target: 30 KB gzip.
  css=$(gzip -9 -c "$dir"/*.css | wc -c)
  largest=$(for f in "$dir"/actor/*.html; do echo "$(gzip -9 -c "$f" | wc -c) $f"; done | sort -n | tail -1)
  page=$(gzip -9 -c "$dir/actor/apt31.html" | wc -c)
  echo "BENCH bytes before an actor page is readable (gzip, page + CSS): /actor/apt31 $((page + css)); largest, ${largest#* }, $(( ${largest%% *} + css )); target 30 KB = 30720 bytes"
fi

# What a first visit downloads, in the order it needs it. Each file crosses the network once:
# the service worker installs after the page has its data and revalidates what the page
# already fetched (304s).
gz() { local t=0; for f in "$@"; do [ -f "$dir/$f" ] && t=$((t + $(gzip -9 -c "$dir/$f" | wc -c))); done; echo "$t"; }
critical=$(gz index.html $(cd "$dir" && ls ./*.css ./*.js ./*_bg.wasm | grep -v -e sw -e atlas-worker) data/atlas.json)
links=$(gz data/refs.json)
# In all: what the service worker precaches, and itself. Not the sitemap and robots.txt
# (for crawlers), nor the worker module (fetched when the reader first opens a file or downloads one).
visit=$(gz $(cd "$dir" && find . -maxdepth 2 -type f -not -path './actor/*' -not -name 'atlas-worker*' -not -name sitemap.xml -not -name robots.txt | sort))
worker=$(gz $(cd "$dir" && ls atlas-worker* 2>/dev/null))
printf 'BENCH first visit (gzip): %d bytes before the first data paint (page, CSS, JS, wasm, data/atlas.json); %d more after it (data/refs.json); %d in all, each file once (the service worker precaches the rest); targets: 450 KB = 460800 bytes (issue 7), 600 KB = 614400 bytes in all (issue 17)\n' \
  "$critical" "$links" "$visit"
printf 'BENCH worker module, converters and exporters (gzip): %d bytes, fetched only when the reader first opens a file or downloads one\n' "$worker"
