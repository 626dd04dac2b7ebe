#!/usr/bin/env bash
# End-to-end benchmark: `rfm9 segment --format json` against DuckDB (npm @duckdb/node-api)
# on the same 10M-line CSV from `rfm9 gen`, interleaved runs, medians of wall time and
# peak RSS, and a check that both count the same clients in each of the 27 codes.
#
#   bash bench/segment.sh            # 5 runs each, 10M lines / 1.5M clients
#   RUNS=3 LINES=1000000 CLIENTS=150000 bash bench/segment.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
LINES=${LINES:-10000000}
CLIENTS=${CLIENTS:-1500000}
DATA=bench/data/sales-${LINES}.csv
OUT=bench/results
mkdir -p bench/data "$OUT"

make -s build
[ -d bench/node_modules/@duckdb/node-api ] || (cd bench && npm install --no-audit --no-fund --silent)
if [ ! -f "$DATA" ]; then
  echo "generating $DATA ($LINES lines, $CLIENTS clients)"
  ./bin/rfm9 gen --clients "$CLIENTS" --lines "$LINES" --seed 1 --out "$DATA"
fi
echo "file: $DATA, $(du -h "$DATA" | cut -f1), $(nproc) cores"

# measure NAME CMD... appends "seconds maxrss_kib" to $OUT/NAME.times; stdout to $OUT/NAME.json
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$OUT/$name.time1" "$@" >"$OUT/$name.json" 2>"$OUT/$name.stderr"
  cat "$OUT/$name.time1" >>"$OUT/$name.times"
}

rm -f "$OUT"/*.times
cat "$DATA" >/dev/null # warm the page cache once for both
for i in $(seq "$RUNS"); do
  measure rfm9 ./bin/rfm9 segment --file "$DATA" --format json
  measure duckdb node bench/duckdb_segment.mjs "$DATA"
  echo "run $i: rfm9 $(tail -1 "$OUT/rfm9.times")  duckdb $(tail -1 "$OUT/duckdb.times")  (s, KiB)"
done

node bench/compare.mjs "$OUT/rfm9.json" "$OUT/duckdb.json"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rt=$(cut -d' ' -f1 "$OUT/rfm9.times" | median);  rm_=$(cut -d' ' -f2 "$OUT/rfm9.times" | median)
dt=$(cut -d' ' -f1 "$OUT/duckdb.times" | median); dm=$(cut -d' ' -f2 "$OUT/duckdb.times" | median)
echo
echo "| tool | wall, s (median of $RUNS) | peak RSS, MiB (median) |"
echo "|---|---|---|"
awk -v t="$rt" -v m="$rm_" 'BEGIN {printf "| rfm9 segment | %.2f | %.0f |\n", t, m/1024}'
awk -v t="$dt" -v m="$dm" 'BEGIN {printf "| DuckDB (node-api) | %.2f | %.0f |\n", t, m/1024}'
awk -v a="$rt" -v b="$dt" -v c="$rm_" -v d="$dm" 'BEGIN {printf "| rfm9 / DuckDB | %.2f× | %.2f× |\n", a/b, c/d}'
