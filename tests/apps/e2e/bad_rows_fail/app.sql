CREATE STREAM readings (sensor VARCHAR, temp DOUBLE, ok BOOLEAN)
WITH ('type' = 'file_source', 'path' = 'data/readings.csv', 'format' = 'csv', 'on.error' = 'fail');

CREATE STREAM warm AS
SELECT sensor, temp FROM readings WHERE temp > 21
WITH ('warm.type' = 'file_sink', 'warm.path' = 'out/warm.jsonl');
