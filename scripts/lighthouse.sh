#!/usr/bin/env bash
# Lighthouse 12 (pinned in tools/lighthouse) against the release build in dist/, served with
# gzip under /threat-atlas/ like GitHub Pages. Prints one line of scores per page.
# Expects `make dist PUBLIC_URL=/threat-atlas/` to have run (or give another such build's
# directory, e.g. `bash scripts/lighthouse.sh target/e2e-dist`). Part of `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd tools/lighthouse && [ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund --loglevel=error)
port=8093
# Served as GitHub Pages serves it: every page and every actor's page has a file of its own
# and answers 200 (Lighthouse refuses to audit a 404).
dist=${1:-dist}
python3 scripts/serve-dist.py "$dist" /threat-atlas/ "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/threat-atlas/" && break; sleep 0.1; done
out=$(mktemp -d)
# LH_PAGES="actor/apt31 read" audits those pages alone; LH_KEEP=<dir> keeps each report there.
pages=${LH_PAGES-'"" actor/apt31 timeline aliases compare?ids=apt31,apt27 read attributions?by=belgium'}
set -f; eval "set -- $pages"; set +f
for page in "$@"; do
  CHROME_PATH=/usr/bin/chromium tools/lighthouse/node_modules/.bin/lighthouse \
    "http://127.0.0.1:$port/threat-atlas/$page" --quiet --output=json --output-path="$out/r.json" \
    --only-categories=performance,accessibility,best-practices,seo --form-factor=mobile \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$out/profile" \
    >/dev/null 2>&1 || { echo "BENCH lighthouse /$page: failed"; continue; }
  python3 - "$out/r.json" "/$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
score = lambda k: round((c[k]["score"] or 0) * 100)
a = r["audits"]
ms = lambda k: round(a[k]["numericValue"])
page = sys.argv[2] or '/'
met = lambda ok: "met" if ok else "not met"
# Issues 17 and 18: performance >= 95 and SEO 100 (home, actor, timeline, names, compare,
# read), accessibility and best practices 100, and on an actor page an LCP of at most 1.5 s.
targets = (f"performance >= 95 {met(score('performance') >= 95)}, SEO 100 {met(score('seo') == 100)}, "
           f"accessibility and best practices 100 {met(score('accessibility') == 100 and score('best-practices') == 100)}")
if page.startswith("/actor/"):
    targets += f", LCP <= 1500 ms {met(ms('largest-contentful-paint') <= 1500)}"
print(f"BENCH lighthouse (mobile) {page}: performance {score('performance')}, accessibility {score('accessibility')}, "
      f"best practices {score('best-practices')}, SEO {score('seo')}; FCP {ms('first-contentful-paint')} ms, "
      f"LCP {ms('largest-contentful-paint')} ms, TBT {ms('total-blocking-time')} ms, "
      f"CLS {a['cumulative-layout-shift']['numericValue']:.3f}, speed index {ms('speed-index')} ms; targets: {targets}")
PY
  if [ -n "${LH_KEEP:-}" ]; then
    mkdir -p "$LH_KEEP"
    cp "$out/r.json" "$LH_KEEP/$(printf '%s' "${page:-home}" | tr -c 'A-Za-z0-9_-' '_').json"
  fi
done
rm -rf "$out"
