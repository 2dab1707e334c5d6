-- The yardstick of `sauro import` into PostgreSQL (bench/pg-whole-process.sh):
-- the same tasks as sauro-core loaded them (gen_bench_data --json, turned
-- into CSV by jq), copied by psql into one table with the indexes of
-- bench/raw-load.sql, in one transaction (psql -1). Run as
--   psql -v ON_ERROR_STOP=1 -1 -f FILE ADDRESS
-- where FILE is this one with :csv replaced by the CSV's path, into a
-- database without the table raw_task.
CREATE TABLE raw_task (
    id            text PRIMARY KEY,
    directive_id  text NOT NULL,
    title         text NOT NULL,
    lead          text,
    support       text,
    responsible   text,
    product       text,
    authority     text,
    deadline_text text,
    deadline_due  date,
    state         text NOT NULL,
    state_on      date,
    note          text,
    depends_on    text,
    source_file   text,
    source_line   integer
);
CREATE INDEX raw_task_by_due ON raw_task(deadline_due);
CREATE INDEX raw_task_by_lead ON raw_task(lead);
CREATE INDEX raw_task_by_directive ON raw_task(directive_id);
\copy raw_task FROM ':csv' WITH (FORMAT csv)
