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
done < <(find "$dir" -type f ! -name 404.html | sort)
printf '%-48s %10d %10d %10d\n' "total (without 404.html)" "$tr" "$tg" "$tb"
