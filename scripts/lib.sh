# Shared by the scripts in this folder (sourced, never run). Cheap: no installs, no network.
#
# ADDER_LAB_TOOLS  where the bootstrap installs its tools (default ~/.cache/adder-lab); one
#                  folder per tool and version, so nothing a developer installed is overwritten.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${ADDER_LAB_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/adder-lab}"
TRUNK_VERSION="0.21.14"    # builds with rustc 1.85+; 0.22 needs rustc 1.96.1
BINARYEN_VERSION="132"     # wasm-opt that understands current Rust wasm output (Debian's 108 does not)
TERSER_VERSION="5.51.2"    # minifies the JS glue and inline scripts (scripts/minify.mjs)
LIGHTNINGCSS_VERSION="1.33.0"          # minifies the CSS (scripts/minify.mjs)
HTML_MINIFIER_VERSION="7.2.0"          # html-minifier-terser: minifies index.html (scripts/minify.mjs)
LIGHTHOUSE_VERSION="13.5.0"            # make bench-web's Lighthouse run (e2e/bench/lighthouse.mjs)
MDBOOK_VERSION="0.5.4"                 # builds the sample book the preprocessor is tested in (e2e/mdbook.test.mjs)
DOCUSAURUS_VERSION="3.10.2"            # builds the sample site the web component is tested in (e2e/docusaurus.test.mjs)
DOCUSAURUS_PACKAGES="@docusaurus/core@$DOCUSAURUS_VERSION @docusaurus/preset-classic@$DOCUSAURUS_VERSION react@19.2.4 react-dom@19.2.4 @mdx-js/react@3.1.1"
DOCUSAURUS_HOME="$TOOLS/docusaurus-$DOCUSAURUS_VERSION"
MINIFIERS="minifiers-$TERSER_VERSION-$LIGHTNINGCSS_VERSION-$HTML_MINIFIER_VERSION"
DEBIAN_WASM_PACKAGES="rustc-web cargo-web rust-web-src rust-web-llvm rust-web-clippy lld-22"

say() { if [ -t 1 ]; then printf '\033[1m[adder-lab]\033[0m %s\n' "$*"; else printf '[adder-lab] %s\n' "$*"; fi; }
die() { printf '\033[1;31m[adder-lab] error:\033[0m %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# The wasm-bindgen version Cargo.lock resolved; the CLI must match it exactly.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# Tools the bootstrap installed come first on PATH.
WASM_BINDGEN_VERSION="$(locked_wasm_bindgen_version)"
export PATH="$TOOLS/trunk-$TRUNK_VERSION/bin:$TOOLS/mdbook-$MDBOOK_VERSION/bin:$TOOLS/wasm-bindgen-$WASM_BINDGEN_VERSION/bin:$TOOLS/binaryen-$BINARYEN_VERSION/node_modules/.bin:$PATH"

# Which standard library for wasm32-unknown-unknown is usable: "rustup", "debian" or "none".
# rustup's target is preferred (the laptop route); Debian's rustc-web builds std from source.
# ADDER_LAB_WASM_ROUTE=rustup|debian forces one (to test a route, or to skip rustup's download).
wasm_route() {
  case "${ADDER_LAB_WASM_ROUTE:-}" in
    rustup) rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown && echo rustup || echo none; return ;;
    debian) debian_wasm_ready && echo debian || echo none; return ;;
    "") ;;
    *) die "ADDER_LAB_WASM_ROUTE must be rustup or debian, not '$ADDER_LAB_WASM_ROUTE'" ;;
  esac
  if have rustup && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo rustup
  elif debian_wasm_ready; then
    echo debian
  else
    echo none
  fi
}

# Debian's rustc-web (1.96+) with its library source, cargo and the rust-lld linker.
debian_wasm_ready() {
  [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust/library ] && have rust-lld \
    && /usr/bin/rustc --version 2>/dev/null | grep -Eq '^rustc 1\.(9[6-9]|[1-9][0-9]{2})'
}

# Runs a command in the environment that builds for wasm32-unknown-unknown.
# The Debian route uses Debian's cargo, rustc and clippy, compiles std from source, and keeps
# its own target folder so native and wasm builds never invalidate each other.
with_wasm() {
  local route
  route="$(wasm_route)"
  case "$route" in
    rustup) CARGO_TARGET_DIR="${ADDER_LAB_WASM_TARGET_DIR:-${CARGO_TARGET_DIR:-$ROOT/target}}" "$@" ;;
    debian)
      local bin="$TOOLS/debian-rust/bin"
      if [ ! -e "$bin/cargo-clippy" ]; then
        mkdir -p "$bin"
        for tool in cargo cargo-clippy clippy-driver rustc rustdoc; do
          [ -x "/usr/bin/$tool" ] && ln -sf "/usr/bin/$tool" "$bin/$tool"
        done
      fi
      PATH="$bin:$PATH" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
        CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_TARGET_DIR="${ADDER_LAB_WASM_TARGET_DIR:-$ROOT/target/wasm-debian}" "$@"
      ;;
    *) die "no standard library for wasm32-unknown-unknown: run 'make bootstrap' first" ;;
  esac
}

# The release wasm is about 23 kB (12%) smaller gzipped when std is compiled with the app (so at
# opt-level "z", and with std's `optimize_for_size` feature: smaller sorts and formatting) and a
# panic is a bare trap (`-Cpanic=immediate-abort`: no panic formatting code; wasm32-unknown-unknown
# has nowhere to print a panic message anyway). These are unstable options:
# RUSTC_BOOTSTRAP=1 allows them on a stable toolchain, for the release build only. They need std's
# source (rustup's rust-src, Debian's rust-web-src) and a rustc new enough to know the panic
# strategy (probed below, so an older toolchain falls back rather than fails).
# ADDER_LAB_SMALL_WASM=0 skips them (the plain build, e.g. to compare or to avoid RUSTC_BOOTSTRAP).
small_wasm_ready() {
  local rustc_bin=rustc sysroot
  [ "${ADDER_LAB_SMALL_WASM:-1}" = 0 ] && return 1
  [ "$(wasm_route)" = debian ] && rustc_bin=/usr/bin/rustc
  sysroot="$("$rustc_bin" --print sysroot 2>/dev/null)" || return 1
  [ -d "$sysroot/lib/rustlib/src/rust/library/core" ] || return 1
  RUSTC_BOOTSTRAP=1 "$rustc_bin" -Zunstable-options -Cpanic=immediate-abort --print sysroot >/dev/null 2>&1
}

# Runs a command that builds the release wasm: small when the toolchain allows (above), else plain.
# Its own target folder, so the test builds (plain std) and the release build never invalidate each other.
with_release_wasm() {
  if small_wasm_ready; then
    RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
      ADDER_LAB_WASM_TARGET_DIR="$ROOT/target/wasm-release" with_wasm "$@"
  else
    say "note: no std source or an older rustc: the release wasm uses the prebuilt std (about 23 kB larger gzipped)"
    with_wasm "$@"
  fi
}

# The browser and its driver for tests (Debian's names first, then the usual others).
find_browser() {
  local candidate
  for candidate in "${CHROME:-}" chromium chromium-browser google-chrome google-chrome-stable; do
    [ -n "$candidate" ] && have "$candidate" && { command -v "$candidate"; return 0; }
  done
  return 1
}
find_driver() {
  local candidate
  for candidate in "${CHROMEDRIVER:-}" chromedriver; do
    [ -n "$candidate" ] && have "$candidate" && { command -v "$candidate"; return 0; }
  done
  [ -x /usr/lib/chromium/chromedriver ] && { echo /usr/lib/chromium/chromedriver; return 0; }
  return 1
}
