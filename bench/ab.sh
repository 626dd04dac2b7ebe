#!/usr/bin/env bash
# Two builds of rfm9 against each other on the API benchmark's store, alternating run by
# run (A, B, A, B, …) so that both meet the same disk and the same hour: each run starts
# a fresh `rfm9 serve` on STORE as bench/api.sh does, drives it with DRIVER for DUR, and
# prints one line. These machines are noisy; only ratios within one such run mean much.
#
#   A=/path/old/rfm9 B=bin/rfm9 DRIVER=wrk-sales RUNS=3 bash bench/ab.sh
#   DRIVER: wrk-sales | wrk-cards (wrk -t1 -cCONNS) | paced (bench/loadgen -rate RATE -c CONNS)
#   STORE=dir of rfm9.db (bench/api.sh's by default), DATA=its sales file, IDS=client ids
#   FROM=dir: before each run STORE is replaced by a copy of FROM (every run pushes new
#   documents; this gives each the same store), EVERY=30s: paced latencies per interval
set -euo pipefail
cd "$(dirname "$0")/.."

LINES=${LINES:-35000000}
DATA=${DATA:-bench/data/sales-${LINES}.csv}
STORE=${STORE:-bench/data/api-${LINES}}
IDS=${IDS:-bench/results/clients-${LINES}.txt}
A=${A:?A=path of the first rfm9 binary}
B=${B:-bin/rfm9}
DRIVER=${DRIVER:-wrk-sales}
RUNS=${RUNS:-3}
DUR=${DUR:-20s}
CONNS=${CONNS:-8}
RATE=${RATE:-2000}
PORT=${PORT:-18092}
FROM=${FROM:-}
EVERY=${EVERY:-0}
LOADGEN=${LOADGEN:-bin/loadgen}
[ -x "$LOADGEN" ] || go build -o "$LOADGEN" ./bench/loadgen
[ -f "${FROM:-$STORE}/rfm9.db" ] || { echo "no store at $STORE: run bench/api.sh first" >&2; exit 1; }

export RFM9_ADMIN_TOKEN=bench-admin-token-0123456789
URL="http://127.0.0.1:$PORT"

drive() {
  case "$DRIVER" in
  wrk-sales) IDS="$IDS" TOKEN="$RFM9_ADMIN_TOKEN" wrk -t1 -c"$CONNS" -d"$DUR" -s bench/sales.lua "$URL" | grep "wrk sales" ;;
  wrk-cards) IDS="$IDS" TOKEN="$RFM9_ADMIN_TOKEN" wrk -t1 -c"$CONNS" -d"$DUR" -s bench/cards.lua "$URL" | grep "wrk cards" ;;
  paced) "$LOADGEN" -url "$URL" -token "$RFM9_ADMIN_TOKEN" -clients "$IDS" -mode sales -c "$CONNS" -d "$DUR" -rate "$RATE" -every "$EVERY" | tr '\n' ' ' ;;
  *) echo "DRIVER $DRIVER: wrk-sales, wrk-cards or paced" >&2; exit 2 ;;
  esac
}

one() { # label binary
  if [ -n "$FROM" ]; then
    rm -rf "$STORE" && cp -r "$FROM" "$STORE" && cat "$STORE/rfm9.db" >/dev/null
  fi
  "$2" serve --file "$DATA" --tz Europe/Moscow --data "$STORE" --listen "127.0.0.1:$PORT" \
    --sync-every 24h --rate-limit 100000000 >"bench/results/ab-$1.log" 2>&1 &
  local srv=$!
  for _ in $(seq 240); do curl -fsS "$URL/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  echo "$1 $(date +%H:%M:%S) $(drive)"
  kill "$srv"; wait "$srv" 2>/dev/null || true
}

mkdir -p bench/results
for i in $(seq "$RUNS"); do
  one A "$A"
  one B "$B"
done
