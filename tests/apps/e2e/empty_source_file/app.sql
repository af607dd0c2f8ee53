-- An empty file: without declared columns there is no schema; the error points at the path.
CREATE STREAM out AS
SELECT * FROM src
WITH ('src.type' = 'file_source', 'src.path' = 'data/empty.csv');
