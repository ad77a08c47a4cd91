#!/usr/bin/env bash
# A copy of the end-to-end build whose wasm keeps its function names, for the CPU profiles of
# tests/e2e/profile.rs: `make e2e-dist`, then `bash scripts/profile-dist.sh`, then
# `ATLAS_E2E_DIST=$PWD/target/profile-dist cargo test --test e2e -- --ignored --nocapture profile_`.
# The same cargo output, bound and optimised the same way, with wasm-opt told to keep the
# name section (-g); the integrity attributes are dropped, since the wasm's bytes differ (the
# service worker's precache list, written for the other wasm, then fails to install: the
# profiles do not need it).
set -euo pipefail
cd "$(dirname "$0")/../target"
export PATH="$PWD/../node_modules/.bin:$HOME/.cargo/bin:$PATH"
rm -rf profile-dist profile-bindgen
cp -r e2e-dist profile-dist
js=$(cd e2e-dist && ls threat-atlas-*.js)
wasm-bindgen --target web --out-dir profile-bindgen --out-name threat-atlas --no-typescript \
    wasm32-unknown-unknown/release/threat-atlas.wasm
# The glue must be the build's own: the same wasm-bindgen over the same cargo output.
cmp profile-bindgen/threat-atlas.js "e2e-dist/$js"
# The wasm features index.html tells wasm-opt about, read from it rather than copied.
features=$(tr '\n' ' ' < ../index.html | grep -o 'data-bin="threat-atlas"[^>]*' | grep -o 'data-wasm-opt-params="[^"]*"' | cut -d'"' -f2)
# shellcheck disable=SC2086
wasm-opt -Oz -g $features profile-bindgen/threat-atlas_bg.wasm -o "profile-dist/${js%.js}_bg.wasm"
find profile-dist -name '*.html' -exec sed -i 's/ integrity="[^"]*"//g' {} +
echo "target/profile-dist: the build with function names"
