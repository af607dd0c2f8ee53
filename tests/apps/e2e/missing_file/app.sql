CREATE STREAM out AS
SELECT * FROM src
WITH ('src.type' = 'file_source', 'src.path' = 'no/such.csv', 'src.format' = 'csv');
