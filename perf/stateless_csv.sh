#!/usr/bin/env bash
# Measures a stateless CSV -> JSONL app end to end (parse, filter, project, format, write) on a
# generated file. Usage: [EDDY=path/to/eddy] perf/stateless_csv.sh [ROWS=1000000] [RUNS=5] [PARTITIONS="1 2"]
# Prints, per partition count, the rows/s of each run and their median.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-5}
partitions=${3:-"1 2"}
eddy=${EDDY:-build/apps/eddy/eddy}  # EDDY=/path/to/eddy compares another build
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk -v n="$rows" 'BEGIN {
  print "order_id,customer,region,amount,qty,ts";
  split("eu us apac latam", regions, " ");
  for (i = 0; i < n; i++) {
    printf "%d,customer_%d,%s,%d.%02d,%d,%d\n", i, i % 5000, regions[i % 4 + 1], (i * 7919) % 2000,
           i % 100, i % 10 + 1, 1700000000000 + i * 10;
  }
}' > "$work/orders.csv"

cat > "$work/app.sql" <<SQL
CREATE STREAM big_orders AS
SELECT order_id, UPPER(customer) AS customer, region, amount, amount * qty AS gross,
       CASE WHEN amount >= 1000 THEN 'large' ELSE 'small' END AS size
FROM orders
WHERE amount > 100
WITH ('orders.type' = 'file_source', 'orders.path' = '$work/orders.csv', 'orders.format' = 'csv',
      'big_orders.type' = 'file_sink', 'big_orders.path' = '$work/out.jsonl');
SQL

echo "stateless CSV -> JSONL, $rows rows ($(du -h "$work/orders.csv" | cut -f1)), $(nproc) cores"
for p in $partitions; do
  rates=()
  for ((r = 0; r < runs; r++)); do
    "$eddy" run "$work/app.sql" --partitions "$p" --stats-json "$work/stats.json" 2>/dev/null
    rates+=("$(python3 -c "import json; s=json.load(open('$work/stats.json')); print(int(s['jobs']['big_orders']['rps']))")")
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "partitions=$p runs=${rates[*]} median_rows_per_s=$median"
done
