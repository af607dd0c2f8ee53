CREATE STREAM out AS
SELECT * FROM src
WITH ('src.type' = 'file_source', 'src.path' = 'x.csv', 'src.fromat' = 'csv',
      'out.type' = 'stdout_sink');
