CREATE STREAM out AS
SELECT a, b
FROM src
JOIN other ON src.a = other.a
WITH ('src.type' = 'file_source', 'src.path' = 'data/src.csv', 'src.format' = 'csv',
      'out.type' = 'stdout_sink');
