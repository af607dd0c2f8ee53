-- Quickstart: keep the orders over 100, tag them by size, and compute a gross value with tax.
-- Run from this folder: eddy run big_orders.sql
CREATE STREAM big_orders AS
SELECT order_id,
       UPPER(customer) AS customer,
       region,
       amount,
       amount * qty AS gross,
       CASE WHEN amount >= 1000 THEN 'whale'
            WHEN amount >= 200 THEN 'large'
            ELSE 'medium' END AS size
FROM orders
WHERE amount > 100
WITH (
  'orders.type' = 'file_source',
  'orders.path' = 'data/orders.csv',
  'orders.format' = 'csv',
  'big_orders.type' = 'file_sink',
  'big_orders.path' = 'out/big_orders.jsonl',
  'big_orders.format' = 'jsonl'
);
