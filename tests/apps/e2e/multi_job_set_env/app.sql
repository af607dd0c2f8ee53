-- Two jobs over one declared source. The source path comes from --set (see args), the output
-- folder from ${EDDY_E2E_UNSET_DIR:out} (the variable is unset, so the default applies).
CREATE STREAM orders (order_id BIGINT, customer VARCHAR, region VARCHAR, amount DECIMAL(10,2),
                      qty BIGINT, ts TIMESTAMP)
WITH ('type' = 'file_source', 'path' = 'data/orders.csv', 'format' = 'csv',
      'event.time.field' = 'ts');

CREATE STREAM eu_orders AS
SELECT order_id, customer, amount, _event_time AS at, ts
FROM orders
WHERE region = 'eu'
WITH ('eu_orders.type' = 'file_sink', 'eu_orders.path' = '${EDDY_E2E_UNSET_DIR:out}/eu.csv',
      'eu_orders.format' = 'csv');

-- @num_partitions: 1
CREATE STREAM small_orders AS
SELECT o.order_id, o.amount, o.amount * 2 AS doubled, doubled + 0.01 AS bumped,
       ROUND(o.amount / 3, 2) AS third, LENGTH(o.customer) AS name_len
FROM orders o
WHERE o.amount < 150 AND o.customer LIKE '%a%'
WITH ('small_orders.type' = 'file_sink', 'small_orders.path' = 'out/small.jsonl');
