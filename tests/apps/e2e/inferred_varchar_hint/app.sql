-- One bad value makes the inferred 'amount' column VARCHAR; the error says which and how to fix it.
CREATE STREAM totals AS
SELECT user_id, SUM(amount) AS total
FROM payments
GROUP BY user_id
WITH ('payments.type' = 'file_source', 'payments.path' = 'data/payments.csv');
