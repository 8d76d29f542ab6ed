#!/usr/bin/env bash
# Installs only what is missing, and says what it chose. Safe to run again: with everything
# present it only checks versions (a few seconds).
#
#   scripts/bootstrap.sh build   what building and serving needs
#   scripts/bootstrap.sh test    that, plus the browser, its driver and the end-to-end test deps
#
# Everything comes from crates.io, npm or Debian's packages; nothing else is downloaded.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mode="${1:-test}"
case "$mode" in build | test) ;; *) die "usage: scripts/bootstrap.sh [build|test]" ;; esac

apt_install() {
  have apt-get || return 1
  local sudo=""
  if [ "$(id -u)" != 0 ]; then have sudo || return 1; sudo="sudo"; fi
  say "installing Debian packages: $*"
  if [ ! -f "$TOOLS/.apt-updated" ]; then
    $sudo apt-get update -qq && mkdir -p "$TOOLS" && touch "$TOOLS/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# rustup's downloads are the laptop route; where they are unreachable `rustup target add` hangs
# instead of failing, so ask the server first with a short timeout.
rustup_server_answers() {
  have curl && curl -sfI --max-time 8 https://static.rust-lang.org/dist/channel-rust-stable.toml.sha256 >/dev/null 2>&1
}

# --- Rust for the host -------------------------------------------------------------------
have cargo || die "cargo not found: install Rust with rustup (https://rustup.rs) and run this again"
if have rustup; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" \
      || { say "adding rustup component $component"; rustup component add "$component"; }
  done
fi
say "host Rust: $(rustc --version)"

# --- The wasm32 standard library ---------------------------------------------------------
route="$(wasm_route)"
if [ "$route" = none ] && have rustup && [ "${ADDER_LAB_WASM_ROUTE:-}" != debian ]; then
  if rustup_server_answers; then
    say "adding the wasm32-unknown-unknown target with rustup"
    timeout 300 rustup target add wasm32-unknown-unknown || say "rustup could not add the target"
  else
    say "rustup's download server is unreachable; using Debian's rustc-web instead"
  fi
  route="$(wasm_route)"
fi
if [ "$route" = none ]; then
  apt_install $DEBIAN_WASM_PACKAGES \
    || die "no wasm32 standard library: run 'rustup target add wasm32-unknown-unknown' (or install Debian's $DEBIAN_WASM_PACKAGES)"
  route="$(wasm_route)"
  [ "$route" = debian ] || die "Debian's rustc-web was installed but is not usable for wasm32"
fi
if [ "$route" = debian ] && [ ! -x /usr/bin/clippy-driver ]; then
  apt_install rust-web-clippy || die "clippy for wasm32 needs Debian's rust-web-clippy"
fi
# std's source, for the smaller release wasm (scripts/lib.sh, small_wasm_ready); optional.
if [ "$route" = rustup ] && ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  if rustup_server_answers; then
    say "adding rustup component rust-src (std's source, for the smaller release wasm)"
    timeout 300 rustup component add rust-src || say "rustup could not add rust-src"
  fi
fi
case "$route" in
  rustup) say "wasm32 std: rustup target wasm32-unknown-unknown" ;;
  debian) say "wasm32 std: Debian $(/usr/bin/rustc --version | cut -d' ' -f1-2), std built from source" ;;
esac
if small_wasm_ready; then
  say "release wasm: std compiled with the app, panics as traps (the small bundle)"
else
  say "release wasm: prebuilt std (about 23 kB larger gzipped; see small_wasm_ready in scripts/lib.sh)"
fi

# --- trunk -------------------------------------------------------------------------------
if have trunk; then
  say "trunk: $(trunk --version) at $(command -v trunk)"
else
  say "installing trunk $TRUNK_VERSION from crates.io (about 6 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --root "$TOOLS/trunk-$TRUNK_VERSION"
  say "trunk: $(trunk --version)"
fi

# --- wasm-bindgen-cli, exactly the version in Cargo.lock ----------------------------------
[ -n "$WASM_BINDGEN_VERSION" ] || die "Cargo.lock has no wasm-bindgen entry"
installed_wasm_bindgen() { have wasm-bindgen && wasm-bindgen --version | awk '{print $2}'; }
if [ "$(installed_wasm_bindgen || true)" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (about 2 minutes)"
  # Not --locked: its lock file names a webpki-roots release that some registries lack.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" \
    --root "$TOOLS/wasm-bindgen-$WASM_BINDGEN_VERSION"
fi
found="$(installed_wasm_bindgen || echo none)"
[ "$found" = "$WASM_BINDGEN_VERSION" ] \
  || die "wasm-bindgen-cli is $found but Cargo.lock has wasm-bindgen $WASM_BINDGEN_VERSION; they must match exactly"
say "wasm-bindgen-cli: $found (matches Cargo.lock)"

# --- wasm-opt ----------------------------------------------------------------------------
wasm_opt_version() { have wasm-opt && wasm-opt --version | grep -o 'version [0-9]*' | awk '{print $2}'; }
if [ "$(wasm_opt_version || echo 0)" -lt 116 ]; then
  have npm || apt_install nodejs npm || die "npm is needed to install wasm-opt (binaryen)"
  say "installing wasm-opt from npm binaryen@$BINARYEN_VERSION"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen-$BINARYEN_VERSION" "binaryen@$BINARYEN_VERSION" >/dev/null
fi
say "wasm-opt: version $(wasm_opt_version) at $(command -v wasm-opt)"

# --- minifiers of the release build (scripts/minify.mjs): terser, lightningcss, html-minifier-terser
if [ ! -f "$TOOLS/$MINIFIERS/node_modules/html-minifier-terser/package.json" ]; then
  have npm || apt_install nodejs npm || die "npm is needed to install the minifiers"
  say "installing terser $TERSER_VERSION, lightningcss $LIGHTNINGCSS_VERSION, html-minifier-terser $HTML_MINIFIER_VERSION from npm"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/$MINIFIERS" \
    "terser@$TERSER_VERSION" "lightningcss@$LIGHTNINGCSS_VERSION" "html-minifier-terser@$HTML_MINIFIER_VERSION" >/dev/null
fi
say "minifiers: terser $TERSER_VERSION, lightningcss $LIGHTNINGCSS_VERSION, html-minifier-terser $HTML_MINIFIER_VERSION"

[ "$mode" = build ] && exit 0

# --- Browser, driver and end-to-end dependencies -----------------------------------------
if ! find_browser >/dev/null || ! find_driver >/dev/null; then
  apt_install chromium chromium-driver || true
fi
if browser="$(find_browser)" && driver="$(find_driver)"; then
  say "browser: $("$browser" --version 2>/dev/null | head -n1) at $browser"
  say "driver: $("$driver" --version | cut -d' ' -f1-2) at $driver"
elif [ "${CI:-}" = true ]; then
  die "CI needs Chromium and ChromeDriver; install Debian's chromium and chromium-driver"
else
  say "WARNING: no Chromium/ChromeDriver found: browser tests will be SKIPPED (set CHROME and CHROMEDRIVER)"
fi

# --- HAProxy, in front of three real adder-lab-server processes (server/tests) -------------
find_haproxy() { command -v haproxy 2>/dev/null || { [ -x /usr/sbin/haproxy ] && echo /usr/sbin/haproxy; }; }
find_haproxy >/dev/null || apt_install haproxy || true
if haproxy="$(find_haproxy)"; then
  say "haproxy: $("$haproxy" -v | head -n1 | cut -d' ' -f1-3) at $haproxy"
elif [ "${CI:-}" = true ]; then
  die "CI needs HAProxy for the real servers' tests; install Debian's haproxy"
else
  say "WARNING: no HAProxy found: the real servers' balancing tests will fail (install Debian's haproxy)"
fi

# --- mdBook, for the preprocessor's end-to-end test (the sample book in e2e/book) -----------
installed_mdbook() { have mdbook && mdbook --version | awk '{print $2}' | tr -d v; }
if [ "$(installed_mdbook || true)" != "$MDBOOK_VERSION" ]; then
  say "installing mdbook $MDBOOK_VERSION from crates.io (about 6 minutes on 2 cores)"
  # Only what `mdbook build` needs: no live-reload server, no file watcher.
  cargo install mdbook --version "$MDBOOK_VERSION" --locked --no-default-features --features search \
    --root "$TOOLS/mdbook-$MDBOOK_VERSION"
fi
found="$(installed_mdbook || echo none)"
[ "$found" = "$MDBOOK_VERSION" ] || die "mdbook is $found at $(command -v mdbook || echo nowhere), the tests need $MDBOOK_VERSION"
say "mdbook: $found at $(command -v mdbook)"

have node || apt_install nodejs npm || die "Node.js is needed for the end-to-end tests"
# --- Docusaurus, for the web component's test in a real site (e2e/docusaurus) -------------
if [ ! -f "$DOCUSAURUS_HOME/node_modules/@docusaurus/core/package.json" ]; then
  say "installing Docusaurus $DOCUSAURUS_VERSION from npm (about a minute)"
  # shellcheck disable=SC2086 # the list of packages is meant to split
  npm install --silent --no-audit --no-fund --prefix "$DOCUSAURUS_HOME" $DOCUSAURUS_PACKAGES >/dev/null
fi
say "docusaurus: $(node -p "require('$DOCUSAURUS_HOME/node_modules/@docusaurus/core/package.json').version") in $DOCUSAURUS_HOME"
if [ ! -f "$ROOT/e2e/node_modules/.package-lock.json" ] \
  || [ "$ROOT/e2e/package-lock.json" -nt "$ROOT/e2e/node_modules/.package-lock.json" ]; then
  say "installing end-to-end test dependencies from npm (playwright-core, no browser download)"
  (cd "$ROOT/e2e" && npm ci --silent --no-audit --no-fund >/dev/null)
fi
say "node: $(node --version); playwright-core $(node -p "require('$ROOT/e2e/node_modules/playwright-core/package.json').version")"
