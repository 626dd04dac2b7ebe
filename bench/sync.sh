#!/usr/bin/env bash
# End-to-end benchmark of issue 3: a full `rfm9 sync` of LINES register lines from the 1C
# emulator (OData over loopback) into a fresh SQLite store; wall time and peak RSS of the
# sync process, median of RUNS runs.
#
#   bash bench/sync.sh                 # 1M lines, 100k clients, 3 runs, preset unf
#   RUNS=5 LINES=200000 CLIENTS=20000 PRESET=ut11 bash bench/sync.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
LINES=${LINES:-1000000}
CLIENTS=${CLIENTS:-100000}
PRESET=${PRESET:-unf}
PORT=${PORT:-18091}
OUT=bench/results
mkdir -p "$OUT"
make -s build

export RFM9_1C_PASSWORD=bench
./bin/rfm9 emulate-1c --listen "127.0.0.1:$PORT" --preset "$PRESET" --clients "$CLIENTS" --lines "$LINES" \
  --user Администратор --tz Europe/Moscow >"$OUT/emulator.log" 2>&1 &
EMU=$!
trap 'kill $EMU 2>/dev/null || true' EXIT
URL="http://127.0.0.1:$PORT/demo/odata/standard.odata/"
for _ in $(seq 120); do grep -q "emulator ready" "$OUT/emulator.log" && break; sleep 0.5; done
echo "emulator: $PRESET, $LINES lines, $CLIENTS clients at $URL"

rm -f "$OUT/sync.times"
for i in $(seq "$RUNS"); do
  dir=$(mktemp -d)
  /usr/bin/time -f "%e %M" -o "$OUT/sync.time1" ./bin/rfm9 sync --odata-url "$URL" --preset "$PRESET" \
    --user Администратор --tz Europe/Moscow --full --data "$dir" --migrate >"$OUT/sync.out" 2>"$OUT/sync.err"
  cat "$OUT/sync.time1" >>"$OUT/sync.times"
  echo "run $i: $(cat "$OUT/sync.time1") (s, KiB) — $(tail -1 "$OUT/sync.out")"
  rm -rf "$dir"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
t=$(cut -d' ' -f1 "$OUT/sync.times" | median); m=$(cut -d' ' -f2 "$OUT/sync.times" | median)
awk -v t="$t" -v m="$m" -v l="$LINES" 'BEGIN {printf "\n| full sync of %d lines | %.1f s | %.0f MiB | %.0f lines/s |\n", l, t, m/1024, l/t}'
