#!/usr/bin/env bash
# A bounds change while 1C pushes (issue 4): `rfm9 serve` on a fresh copy of the API
# benchmark's store, the Go load generator posting RATE documents a second for DURATION
# with latencies every 10 s, and AFTER seconds in PUT /api/v1/matrix/bounds with BOUNDS
# (by default it moves ~105k of the 1M clients). Prints the PUT's time, the load
# generator's windows and the recompute's log line. Each binary in BINS runs in turn.
#
#   bash bench/api.sh                                   # once: builds the store
#   BINS="old/rfm9 bin/rfm9" FROM=bench/data/api-35000000 bash bench/bounds-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

LINES=${LINES:-35000000}
DATA=${DATA:-bench/data/sales-${LINES}.csv}
FROM=${FROM:-bench/data/api-${LINES}}
IDS=${IDS:-bench/results/clients-${LINES}.txt}
SCRATCH=${SCRATCH:-bench/data/bounds-scratch}
BINS=${BINS:-bin/rfm9}
DURATION=${DURATION:-100s}
AFTER=${AFTER:-10}
RATE=${RATE:-2000}
CONNS=${CONNS:-16}
PORT=${PORT:-18094}
BOUNDS=${BOUNDS:-'{"count":[1,4],"recency_days":[60,150],"monetary":"tertiles"}'}
LOADGEN=${LOADGEN:-bin/loadgen}
OUT=bench/results
mkdir -p "$OUT"
[ -x "$LOADGEN" ] || go build -o "$LOADGEN" ./bench/loadgen
[ -f "$FROM/rfm9.db" ] || { echo "no store at $FROM: run bench/api.sh first" >&2; exit 1; }

export RFM9_ADMIN_TOKEN=bench-admin-token-0123456789
URL="http://127.0.0.1:$PORT"
for bin in $BINS; do
  rm -rf "$SCRATCH" && cp -r "$FROM" "$SCRATCH" && cat "$SCRATCH/rfm9.db" >/dev/null
  "$bin" serve --file "$DATA" --tz Europe/Moscow --data "$SCRATCH" --listen "127.0.0.1:$PORT" \
    --sync-every 24h --rate-limit 100000000 >"$OUT/bounds-load.log" 2>&1 &
  srv=$!
  for _ in $(seq 240); do curl -fsS "$URL/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  echo "== $bin $(date +%H:%M:%S)"
  "$LOADGEN" -url "$URL" -token "$RFM9_ADMIN_TOKEN" -clients "$IDS" -mode sales -c "$CONNS" -d "$DURATION" -rate "$RATE" -every 10s >"$OUT/bounds-load.txt" &
  load=$!
  sleep "$AFTER"
  curl -sS -o /dev/null -w "PUT bounds: %{http_code} in %{time_total} s\n" -X PUT --max-time 600 \
    -H "Authorization: Bearer $RFM9_ADMIN_TOKEN" -H 'Content-Type: application/json' -d "$BOUNDS" "$URL/api/v1/matrix/bounds"
  wait "$load"
  cat "$OUT/bounds-load.txt"
  grep -h "results recomputed" "$OUT/bounds-load.log" || true
  kill "$srv"; wait "$srv" 2>/dev/null || true
done
rm -rf "$SCRATCH"
