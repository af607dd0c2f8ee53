CREATE STREAM out AS
SELECT a, COUNT(*) AS n
FROM src
GROUP BY a
WITH ('src.type' = 'file_source', 'src.path' = 'data/src.csv', 'src.format' = 'csv',
      'out.type' = 'stdout_sink');
