-- The yardstick of `sauro import` (bench/whole-process.sh): the same tasks,
-- as sauro-core loaded them (gen_bench_data --json), loaded by the sqlite3
-- command line into one indexed table in one transaction, with the journal
-- settings sauro uses (WAL, synchronous NORMAL). Run as
--   sqlite3 NEW.db -cmd ".parameter set :json 'TASKS.json'" < bench/raw-load.sql
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
BEGIN;
CREATE TABLE task (
    id            TEXT PRIMARY KEY,
    directive_id  TEXT NOT NULL,
    title         TEXT NOT NULL,
    lead          TEXT,
    support       TEXT,
    responsible   TEXT,
    product       TEXT,
    authority     TEXT,
    deadline_text TEXT,
    deadline_due  TEXT,
    state         TEXT NOT NULL,
    state_on      TEXT,
    note          TEXT,
    depends_on    TEXT,
    source_file   TEXT,
    source_line   INTEGER
);
CREATE INDEX task_by_due ON task(deadline_due);
CREATE INDEX task_by_lead ON task(lead);
CREATE INDEX task_by_directive ON task(directive_id);
INSERT INTO task
SELECT value ->> 'id', value ->> 'directive_id', value ->> 'title', value ->> 'lead',
       value ->> 'support', value ->> 'responsible', value ->> 'product', value ->> 'authority',
       value ->> 'deadline_text', value ->> 'deadline_due', value ->> 'state', value ->> 'state_on',
       value ->> 'note', value ->> 'depends_on', value ->> 'source_file', value ->> 'source_line'
FROM json_each(readfile(:json));
COMMIT;
