#!/usr/bin/env bash
# Load benchmark of issue 4: a store of LINES generated sales lines (35M lines → 9.9M
# documents, 1M clients: the issue's size) synced into SQLite once, then `rfm9 serve` on loopback, then
# bench/loadgen posting documents (POST /api/v1/sales) and reading cards
# (GET /api/v1/clients/{id}) for DURATION each; both once more with wrk when it is
# installed (apt-get install wrk), which takes less of the two cores than loadgen.
#
#   bash bench/api.sh                      # 35M lines (a 14-minute sync, once), 20 s each, 8 connections
#   LINES=1000000 CLIENTS=150000 bash bench/api.sh
set -euo pipefail
cd "$(dirname "$0")/.."

LINES=${LINES:-35000000}
CLIENTS=${CLIENTS:-1000000}
DURATION=${DURATION:-20s}
CONNS=${CONNS:-8}
PORT=${PORT:-18090}
DATA=bench/data/sales-${LINES}.csv
STORE=bench/data/api-${LINES}
OUT=bench/results
mkdir -p bench/data "$OUT"
[ "${BUILD:-1}" = 0 ] || make -s build   # BUILD=0: measure the binaries already in bin/
[ "${BUILD:-1}" = 0 ] || go build -o bin/loadgen ./bench/loadgen

[ -f "$DATA" ] || ./bin/rfm9 gen --clients "$CLIENTS" --lines "$LINES" --seed 1 --out "$DATA"
if [ ! -f "$STORE/rfm9.db" ]; then
  echo "syncing $DATA into $STORE (once)"
  /usr/bin/time -f "sync: %e s, %M KiB" ./bin/rfm9 sync --file "$DATA" --tz Europe/Moscow --data "$STORE" --migrate --full
fi
IDS=$OUT/clients-${LINES}.txt
if [ ! -s "$IDS" ]; then
  ./bin/rfm9 segment --file "$DATA" --tz Europe/Moscow --clients-out "$OUT/clients.csv" --format json >/dev/null 2>&1
  tail -n +2 "$OUT/clients.csv" | cut -d, -f1 >"$IDS"
fi
echo "$(wc -l <"$IDS") clients"

export RFM9_ADMIN_TOKEN=bench-admin-token-0123456789
./bin/rfm9 serve --file "$DATA" --tz Europe/Moscow --data "$STORE" --listen "127.0.0.1:$PORT" --sync-every 24h --rate-limit 100000000 >"$OUT/serve.log" 2>&1 &
SRV=$!
trap 'kill $SRV 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

./bin/loadgen -url "http://127.0.0.1:$PORT" -token "$RFM9_ADMIN_TOKEN" -clients "$IDS" -mode sales -c "$CONNS" -d "$DURATION"
./bin/loadgen -url "http://127.0.0.1:$PORT" -token "$RFM9_ADMIN_TOKEN" -clients "$IDS" -mode clients -c "$CONNS" -d "$DURATION"
# The same reads driven by wrk (Debian's package), which takes far less of the two cores
# than the Go load generator and so measures more of the service.
if command -v wrk >/dev/null; then
  IDS="$IDS" TOKEN="$RFM9_ADMIN_TOKEN" wrk -t1 -c"$CONNS" -d"$DURATION" -s bench/cards.lua "http://127.0.0.1:$PORT" | grep "wrk cards"
  IDS="$IDS" TOKEN="$RFM9_ADMIN_TOKEN" wrk -t1 -c"$CONNS" -d"$DURATION" -s bench/sales.lua "http://127.0.0.1:$PORT" | grep "wrk sales"
fi
