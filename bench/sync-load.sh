#!/usr/bin/env bash
# Pushes while a sync runs (issue 4): `rfm9 serve` on the API benchmark's store, the Go
# load generator posting RATE documents a second (POST /api/v1/sales) for DURATION, with
# latencies for every EVERY, and an incremental
# sync (POST /api/v1/sync) started AFTER seconds in. Prints the load generator's line
# (failed = timed out at 10 s), the sync's own duration and the recompute's log line (how
# long it read and how long it held the write lock).
#
#   bash bench/api.sh                # once: builds the store and the client list
#   bash bench/sync-load.sh          # then this, as often as needed
#   STORE=/path/to/store DATA=file.csv IDS=ids.txt BUILD=0 bash bench/sync-load.sh
#   BIN=/path/to/other/rfm9 BUILD=0 bash bench/sync-load.sh   # another build on the same store
set -euo pipefail
cd "$(dirname "$0")/.."

LINES=${LINES:-35000000}
DATA=${DATA:-bench/data/sales-${LINES}.csv}
STORE=${STORE:-bench/data/api-${LINES}}
IDS=${IDS:-bench/results/clients-${LINES}.txt}
DURATION=${DURATION:-120s}
AFTER=${AFTER:-10}
RATE=${RATE:-2000}   # documents a second, steady (0: as fast as answered)
EVERY=${EVERY:-10s}
CONNS=${CONNS:-8}
PORT=${PORT:-18091}
BIN=${BIN:-bin/rfm9}
OUT=bench/results
mkdir -p "$OUT"
[ "${BUILD:-1}" = 0 ] || make -s build
[ "${BUILD:-1}" = 0 ] || go build -o bin/loadgen ./bench/loadgen
[ -f "$STORE/rfm9.db" ] || { echo "no store at $STORE: run bench/api.sh first" >&2; exit 1; }

export RFM9_ADMIN_TOKEN=bench-admin-token-0123456789
URL="http://127.0.0.1:$PORT"
"$BIN" serve --file "$DATA" --tz Europe/Moscow --data "$STORE" --listen "127.0.0.1:$PORT" --sync-every 24h --rate-limit 100000000 >"$OUT/sync-load.log" 2>&1 &
SRV=$!
trap 'kill $SRV 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  curl -fsS "$URL/healthz" >/dev/null 2>&1 && break
  kill -0 $SRV 2>/dev/null || { cat "$OUT/sync-load.log" >&2; exit 1; }
  sleep 0.5
done

./bin/loadgen -url "$URL" -token "$RFM9_ADMIN_TOKEN" -clients "$IDS" -mode sales -c "$CONNS" -d "$DURATION" -rate "$RATE" -every "$EVERY" >"$OUT/sync-load.txt" &
LOAD=$!
sleep "$AFTER"
started=$SECONDS
curl -fsS -X POST -H "Authorization: Bearer $RFM9_ADMIN_TOKEN" -H 'Content-Type: application/json' -d '{}' "$URL/api/v1/sync" >/dev/null
while curl -fsS -H "Authorization: Bearer $RFM9_ADMIN_TOKEN" "$URL/api/v1/sync" | grep -q '"running":true'; do sleep 1; done
echo "sync: $((SECONDS - started)) s (to the second)"
wait $LOAD
cat "$OUT/sync-load.txt"
grep -h "results recomputed\|documents swapped\|sync failed" "$OUT/sync-load.log" || true
