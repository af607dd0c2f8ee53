#!/usr/bin/env bash
# Measures a tumbling-window GROUP BY app end to end (CSV parse with event time, hash routing,
# windowed aggregation closed by watermarks, JSONL output) on a generated file.
# Usage: [EDDY=path/to/eddy] perf/tumbling_csv.sh [ROWS=1000000] [RUNS=5] [PARTITIONS="1 2"]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-5}
partitions=${3:-"1 2"}
eddy=${EDDY:-build/apps/eddy/eddy}  # EDDY=/path/to/eddy compares another build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Velostream's scenario 3a data: 50 traders, 100 symbols, one trade per second.
awk -v n="$rows" 'BEGIN {
  print "trader_id,symbol,price,quantity,trade_time";
  for (i = 0; i < n; i++) {
    printf "T%d,SYM%d,%d.0,%d,%d\n", i % 50, i % 100, 100 + i % 50, i % 1000, 1000000 + i * 1000;
  }
}' > "$work/trades.csv"

cat > "$work/app.sql" <<SQL
CREATE STREAM market_data (trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT,
                           trade_time BIGINT)
WITH ('type' = 'file_source', 'path' = '$work/trades.csv', 'format' = 'csv');
CREATE STREAM stats AS
SELECT trader_id, symbol, COUNT(*) AS trade_count, AVG(price) AS avg_price,
       SUM(quantity) AS total_quantity, SUM(price * quantity) AS total_value
FROM market_data
GROUP BY trader_id, symbol
WINDOW TUMBLING(trade_time, INTERVAL '1' MINUTE)
WITH ('stats.type' = 'file_sink', 'stats.path' = '$work/out.jsonl');
SQL

echo "tumbling GROUP BY CSV -> JSONL, $rows rows ($(du -h "$work/trades.csv" | cut -f1)), $(nproc) cores"
for p in $partitions; do
  rates=()
  for ((r = 0; r < runs; r++)); do
    "$eddy" run "$work/app.sql" --partitions "$p" --stats-json "$work/stats.json" 2>/dev/null
    rates+=("$(python3 -c "import json; s=json.load(open('$work/stats.json')); print(int(s['jobs']['stats']['rps']))")")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "partitions=$p runs=${rates[*]} median_rows_per_s=$median out_rows=$(wc -l < "$work/out.jsonl")"
done
