-- A file with a header and no rows: no column has a value to infer a type from.
CREATE STREAM totals AS
SELECT user_id, SUM(amount) AS total
FROM payments
GROUP BY user_id
WITH ('payments.type' = 'file_source', 'payments.path' = 'data/payments.csv');
