#!/usr/bin/env bash
# The CAP test server of odata-client's end-to-end tests.
#
#   tests/cap-server/run.sh install   npm ci (pinned by package-lock.json) and build better-sqlite3
#   tests/cap-server/run.sh start     install if needed, start in the background on 127.0.0.1, wait
#   tests/cap-server/run.sh wait      wait until $metadata answers (60 s at most)
#   tests/cap-server/run.sh stop      stop the server this script started
#   tests/cap-server/run.sh url       print the service root
#
# CAP_PORT (default 4004) picks the port. Needs Node 20 or later and npm; nothing else.
set -euo pipefail
cd "$(dirname "$0")"

PORT="${CAP_PORT:-4004}"
ROOT="http://127.0.0.1:${PORT}/odata/v4/shop/"
PIDFILE=".server.pid"
LOG=".server.log"

install() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "error: the CAP test service needs Node.js 20 or later (@sap/cds 9); this is $(node --version)" >&2
    exit 1
  fi
  # npm runs no install scripts here, so better-sqlite3's native module is built explicitly.
  npm ci --no-audit --no-fund
  npm rebuild better-sqlite3
}

installed() {
  [ -d node_modules/@sap/cds ] && node -e "require('better-sqlite3')" >/dev/null 2>&1
}

wait_ready() {
  for _ in $(seq 1 120); do
    # Node's own fetch, so that the script needs nothing but Node and npm.
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "${ROOT}\$metadata" 2>/dev/null; then
      echo "CAP server ready at ${ROOT}"
      return 0
    fi
    if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      echo "error: the CAP server exited; its log:" >&2
      cat "$LOG" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "error: the CAP server did not answer at ${ROOT} within 60 s; its log:" >&2
  cat "$LOG" >&2
  return 1
}

case "${1:-}" in
  install) install ;;
  start)
    installed || install
    if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
      echo "already running (pid $(cat "$PIDFILE"))"
    else
      # Listen on localhost only; the data is in memory, seeded from db/data/*.csv on each start.
      CDS_SERVER_HOST=127.0.0.1 nohup node node_modules/@sap/cds/bin/serve.js --port "$PORT" >"$LOG" 2>&1 &
      echo $! >"$PIDFILE"
    fi
    wait_ready
    ;;
  wait) wait_ready ;;
  stop)
    if [ -f "$PIDFILE" ]; then
      kill "$(cat "$PIDFILE")" 2>/dev/null || true
      rm -f "$PIDFILE"
    fi
    ;;
  url) echo "$ROOT" ;;
  *)
    echo "usage: $0 install|start|wait|stop|url" >&2
    exit 2
    ;;
esac
