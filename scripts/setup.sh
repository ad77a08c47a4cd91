#!/usr/bin/env bash
# Installs every tool the build and the tests need, at the versions verified to work together
# (see ../shared/TOOLCHAIN.md when it exists). Idempotent: each step checks first and installs
# only what is missing or at the wrong version. Safe to run on every `make` call.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
# The wasm-bindgen CLI must match the library exactly; read it from the lock file.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# rust-toolchain.toml pins Rust 1.95.0. A machine whose rustup has that release only as
# "stable", and cannot download it again, gets it under its version's name as well (rustup's
# own `toolchain link` refuses official names, hence the plain symlink). Elsewhere rustup
# installs 1.95.0 itself on first use.
pinned=$(awk -F'"' '/^channel/ { print $2 }' rust-toolchain.toml)
toolchains="${RUSTUP_HOME:-$HOME/.rustup}/toolchains"
host=$(rustc +stable -vV 2>/dev/null | awk '/^host:/ { print $2 }' || true)
if [ -n "$host" ] && [ ! -e "$toolchains/$pinned-$host" ] \
  && [ "$(rustc +stable -V 2>/dev/null | awk '{ print $2 }')" = "$pinned" ]; then
  say "naming this machine's stable Rust $pinned, as rust-toolchain.toml asks"
  ln -s "$toolchains/stable-$host" "$toolchains/$pinned-$host"
fi
# The link follows "stable": should that move on, say so rather than lint with another Rust.
if command -v rustc >/dev/null && [ "$(rustc -V | awk '{ print $2 }')" != "$pinned" ]; then
  echo "[setup] rust-toolchain.toml pins Rust $pinned, but rustc here is $(rustc -V); install $pinned (rustup toolchain install $pinned)." >&2
  exit 1
fi

# `setup.sh build` installs what a build needs; `setup.sh` (all) adds the browser and its
# driver for the end-to-end tests and brotli for `make bench`.
scope="${1:-all}"
missing=()
if [ "$scope" = all ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: the CLI's own lock file pins a crate version the registry no longer has.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt from npm's binaryen, pinned by package-lock.json. Debian's binaryen is too old and
# produces a module that fails at start-up, so it is never used.
if [ "$(node_modules/.bin/wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ] \
  || [ ! -f node_modules/axe-core/axe.min.js ]; then
  say "installing binaryen $BINARYEN_VERSION and axe-core from npm (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Trunk.toml names the wasm-bindgen version too; stop early and clearly if they drifted.
if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "[setup] Trunk.toml's wasm_bindgen does not match Cargo.lock ($WASM_BINDGEN_VERSION); update Trunk.toml." >&2
  exit 1
fi
browser=""
[ "$scope" = all ] && browser=", $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
say "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}')$browser"
