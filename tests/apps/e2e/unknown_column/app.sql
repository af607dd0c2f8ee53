CREATE STREAM out AS
SELECT a, amount * 2 AS doubled
FROM src
WITH ('src.type' = 'file_source', 'src.path' = 'data/src.csv', 'src.format' = 'csv',
      'out.type' = 'stdout_sink');
