#!/usr/bin/env bash
# Browser tests of the clerks' page: starts the real server binary on port 0, drives headless
# Chromium through WebDriver (Python selenium) against it, and stops the server.
#
#   tests/browser/run.sh                 run the tests (tests/browser/test_page.py)
#   tests/browser/run.sh --screenshots   write docs/screenshots/{check,batch,compare,fill}-{desktop,phone}.png
#   tests/browser/run.sh -- -k Fill      extra arguments after -- go to unittest
#
# Environment: NIANBAO_BIN (default target/debug/nianbao), NIANBAO_WEB_DIR (serve the page from this
# directory instead of the copy embedded in the binary: `--web-dir`, for development),
# CHROMIUM / CHROMEDRIVER (default /usr/bin/chromium, /usr/bin/chromedriver; Debian's `chromium`
# and `chromium-driver`). Under CI=true a missing Chromium, driver or binary is a failure; otherwise
# the script prints SKIP and exits 0.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"

MODE=tests
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshots) MODE=screenshots ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "usage: $0 [--screenshots] [-- unittest args]" >&2; exit 2 ;;
  esac
  shift
done

skip() {
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL: $1 (required under CI=true)" >&2
    exit 1
  fi
  echo "SKIP: browser tests: $1"
  exit 0
}

BIN="${NIANBAO_BIN:-target/debug/nianbao}"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
[ -x "$CHROMIUM" ] || skip "no Chromium at $CHROMIUM (apt-get install chromium chromium-driver fonts-wqy-zenhei)"
[ -x "$CHROMEDRIVER" ] || skip "no chromedriver at $CHROMEDRIVER (apt-get install chromium-driver)"
[ -x "$BIN" ] || skip "no nianbao binary at $BIN (cargo build --bin nianbao, or set NIANBAO_BIN)"
command -v python3 >/dev/null || skip "no python3"

SELENIUM_VERSION=4.27.1
if ! python3 -c "import selenium, sys; sys.exit(0 if selenium.__version__ == '$SELENIUM_VERSION' else 1)" 2>/dev/null; then
  echo "== installing selenium $SELENIUM_VERSION"
  python3 -m pip install --quiet --disable-pip-version-check "selenium==$SELENIUM_VERSION"
fi

# axe-core (npm) for the accessibility check; the test fails without it under CI, skips otherwise.
AXE_DIR="${TMPDIR:-/tmp}/nianbao-axe"
AXE_JS="$AXE_DIR/node_modules/axe-core/axe.min.js"
if [ ! -f "$AXE_JS" ] && [ "$MODE" = tests ]; then
  if command -v npm >/dev/null; then
    echo "== installing axe-core 4.10.3 into $AXE_DIR"
    mkdir -p "$AXE_DIR"
    npm install --silent --no-audit --no-fund --prefix "$AXE_DIR" axe-core@4.10.3 >/dev/null
  else
    echo "npm not found: the axe-core check will be skipped (a failure under CI)" >&2
  fi
fi
export AXE_JS

WORK="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-browser.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

ARGS=(serve --addr 127.0.0.1:0 --log-format json)
if [ -n "${NIANBAO_WEB_DIR:-}" ]; then
  ARGS+=(--web-dir "$NIANBAO_WEB_DIR")
fi
"$BIN" "${ARGS[@]}" >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!

# The bound address is in a JSON line with "listening":"127.0.0.1:PORT" (stdout; stderr also read).
PORT=""
for _ in $(seq 1 300); do
  PORT="$(grep -ho '"listening":"127\.0\.0\.1:[0-9]*"' "$WORK/server.out" "$WORK/server.err" 2>/dev/null | head -n1 | sed 's/.*://; s/"//g' || true)"
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server exited:" >&2; cat "$WORK/server.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "no listening address from the server within 30 s" >&2; cat "$WORK/server.err" >&2; exit 1; }
export NIANBAO_URL="http://127.0.0.1:$PORT/"
export NIANBAO_BIN="$BIN"
echo "== server on $NIANBAO_URL ($BIN${NIANBAO_WEB_DIR:+, page from $NIANBAO_WEB_DIR})"

status=0
if [ "$MODE" = screenshots ]; then
  export NIANBAO_SCREENSHOTS="$ROOT/docs/screenshots"
  python3 tests/browser/test_page.py -v Screenshots "${EXTRA[@]}" || status=$?
  ls -l docs/screenshots/*.png
else
  python3 tests/browser/test_page.py -v "${EXTRA[@]}" || status=$?
fi
exit "$status"
