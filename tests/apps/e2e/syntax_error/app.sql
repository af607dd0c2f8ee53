CREATE STREAM out AS
SELECT a b c
FROM src
WITH ('src.type' = 'file_source', 'src.path' = 'x.csv', 'src.format' = 'csv');
