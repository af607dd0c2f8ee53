CREATE STREAM out AS
SELECT id, amount FROM orders
WITH ('orders.type' = 'file_source', 'orders.path' = 'data/orders.csv', 'orders.format' = 'csv',
      'out.type' = 'stdout_sink');
