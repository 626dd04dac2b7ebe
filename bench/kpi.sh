#!/usr/bin/env bash
# End-to-end benchmark of issue 6: the KPI report on a store of 1M clients and about 10M
# documents (LINES generated lines, 3.5 lines a document), synced into SQLite once. Times
# `rfm9 export kpi` (36 months, the Excel report: KPIs, cohorts, matrix, snapshots) and
# GET /api/v1/kpi by segment, RUNS times each; medians with wall time and peak RSS.
#
#   bash bench/kpi.sh                          # 35M lines → 10M documents; ~2 min to build once
#   LINES=3000000 CLIENTS=300000 bash bench/kpi.sh
set -euo pipefail
cd "$(dirname "$0")/.."

LINES=${LINES:-35000000}
CLIENTS=${CLIENTS:-1000000}
RUNS=${RUNS:-5}
PORT=${PORT:-18092}
FROM=${FROM:-2023-11-01}
TO=${TO:-2026-10-31}
DATA=bench/data/sales-${LINES}.csv
STORE=bench/data/kpi-${LINES}
OUT=bench/results
mkdir -p bench/data "$OUT"
[ "${BUILD:-1}" = 0 ] || make -s build   # BUILD=0: measure the binary already in bin/

[ -f "$DATA" ] || ./bin/rfm9 gen --clients "$CLIENTS" --lines "$LINES" --seed 1 --out "$DATA"
if [ ! -f "$STORE/rfm9.db" ]; then
  echo "syncing $DATA into $STORE (once)"
  /usr/bin/time -f "sync: %e s, %M KiB" ./bin/rfm9 sync --file "$DATA" --tz Europe/Moscow --data "$STORE" --migrate --full
fi

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

rm -f "$OUT/kpi-export.times"
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "%e %M" -o "$OUT/kpi.time1" ./bin/rfm9 export kpi --data "$STORE" \
    --from "$FROM" --to "$TO" --out "$OUT/kpi.xlsx" >/dev/null 2>"$OUT/kpi-export.err"
  cat "$OUT/kpi.time1" >>"$OUT/kpi-export.times"
  echo "export run $i: $(cat "$OUT/kpi.time1") (s, KiB)"
done
echo "rfm9 export kpi: median $(cut -d' ' -f1 "$OUT/kpi-export.times" | median) s, $(cut -d' ' -f2 "$OUT/kpi-export.times" | median) KiB"

export RFM9_ADMIN_TOKEN=bench-admin-token-0123456789
./bin/rfm9 serve --file "$DATA" --tz Europe/Moscow --data "$STORE" --listen "127.0.0.1:$PORT" --sync-every 24h >"$OUT/kpi-serve.log" 2>&1 &
SRV=$!
trap 'kill $SRV 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
# timed NAME PATH: RUNS requests of PATH, each time printed, then their median.
timed() {
  rm -f "$OUT/$1.times"
  for i in $(seq "$RUNS"); do
    curl -fsS -o /dev/null -w "%{time_total}\n" -H "Authorization: Bearer $RFM9_ADMIN_TOKEN" \
      "http://127.0.0.1:$PORT$2" | tee -a "$OUT/$1.times"
  done
}
timed kpi-api "/api/v1/kpi?from=$FROM&to=$TO&period=month&by=segment"
echo "GET /api/v1/kpi by segment: median $(median <"$OUT/kpi-api.times") s"
timed kpi-report "/reports/kpi.xlsx?from=$FROM&to=$TO"
echo "GET /reports/kpi.xlsx: median $(median <"$OUT/kpi-report.times") s"
