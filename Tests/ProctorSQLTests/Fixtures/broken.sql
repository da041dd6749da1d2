CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO things VALUES (1, 'one');
INSERT INTO missing_table VALUES (2, 'two');
