-- Two jobs; the failing one is named in the error.
CREATE STREAM copy AS SELECT k, v FROM src
WITH ('src.type' = 'file_source', 'src.path' = 'data/d.csv', 'src.format' = 'csv',
      'copy.type' = 'file_sink', 'copy.path' = 'out/copy.jsonl');

CREATE STREAM totals AS SELECT k, SUM(v) AS t FROM src2 GROUP BY k EMIT FINAL
WITH ('src2.type' = 'file_source', 'src2.path' = 'data/d.csv', 'src2.format' = 'csv',
      'totals.type' = 'file_sink', 'totals.path' = 'out/totals.jsonl');
