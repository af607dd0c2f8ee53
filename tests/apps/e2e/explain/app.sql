-- Filter, CASE and arithmetic over an inferred CSV schema, into JSONL.
CREATE STREAM big_orders AS
SELECT order_id,
       UPPER(customer) AS customer,
       region,
       amount,
       amount * qty AS gross,
       qty % 2 = 0 AS even_qty,
       CASE WHEN amount >= 1000 THEN 'whale'
            WHEN amount >= 200 THEN 'large'
            ELSE 'medium' END AS size
FROM orders
WHERE amount > 100 AND region IN ('eu', 'us', 'apac')
WITH (
  'orders.type' = 'file_source',
  'orders.path' = 'data/orders.csv',
  'orders.format' = 'csv',
  'big_orders.type' = 'file_sink',
  'big_orders.path' = 'out/big_orders.jsonl',
  'big_orders.format' = 'jsonl'
);
