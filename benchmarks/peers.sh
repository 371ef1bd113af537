#!/bin/sh
# make bench-peers: doccano 1.8.4 in its own virtual environment (.peers/doccano), served on 127.0.0.1 with
# its task queue for the run only, then rows 11c/11d (benchmarks/bench_peers.py) against it.
# Usage: benchmarks/peers.sh PYTHON [--quick]
set -eu
PY=$1; shift
HERE=$(cd "$(dirname "$0")/.." && pwd)
PEERS=$HERE/.peers
VENV=$PEERS/doccano
PORT=${DOCCANO_PORT:-8765}
if [ ! -x "$VENV/bin/doccano" ]; then
	"${PEER_PYTHON:-python3}" -m venv "$VENV"
	"$VENV/bin/pip" install -q "doccano==1.8.4" "numpy<2" "marshmallow<4"
fi
export DATABASE_URL="sqlite:///$PEERS/doccano.sqlite3"
rm -f "$PEERS/doccano.sqlite3"
"$VENV/bin/doccano" init >"$PEERS/init.log" 2>&1
"$VENV/bin/doccano" createuser --username admin --password pass >>"$PEERS/init.log" 2>&1
"$VENV/bin/doccano" webserver --port "$PORT" --workers 2 >"$PEERS/web.log" 2>&1 &
WEB=$!
"$VENV/bin/doccano" task --concurrency 2 >"$PEERS/task.log" 2>&1 &
TASK=$!
trap 'kill $WEB $TASK 2>/dev/null; wait $WEB $TASK 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 60); do
	curl -sf "http://127.0.0.1:$PORT/v1/health/" >/dev/null 2>&1 && break
	sleep 1
done
cd "$HERE" && "$PY" -m benchmarks.bench_peers --doccano "http://127.0.0.1:$PORT" "$@"
