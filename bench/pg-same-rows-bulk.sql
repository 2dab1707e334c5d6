-- A yardstick of `sauro import` into PostgreSQL (bench/pg-whole-process.sh,
-- the third): every row the import wrote, loaded by psql into sauro's own
-- tables the quickest way the database offers, as a database administrator
-- would load them by hand: in one transaction (psql -1), the foreign keys
-- and secondary indexes of the tables written are dropped, each table
-- filled with `\copy`, then the indexes built and the keys added again,
-- from their definitions in the catalog (the steps of sauro's bulk load).
-- :dir is replaced by the folder of the exported tables (TABLE.copy).
CREATE TEMP TABLE yardstick_rebuild AS
SELECT 1 AS step, c.oid::bigint AS ord,
    format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop,
    format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
        pg_get_constraintdef(c.oid)) AS make
FROM pg_constraint c
WHERE c.contype = 'f' AND c.conrelid = ANY ('{sauro.task,sauro.task_support,sauro.task_co_lead,sauro.task_dep,sauro.history}'::regclass[])
UNION ALL
SELECT 0, i.indexrelid::bigint, format('DROP INDEX %s', i.indexrelid::regclass),
    pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = ANY ('{sauro.task,sauro.task_support,sauro.task_co_lead,sauro.task_dep,sauro.history}'::regclass[])
    AND NOT i.indisprimary AND NOT i.indisunique;
SELECT drop FROM yardstick_rebuild ORDER BY step DESC, ord \gexec
\copy sauro.directive FROM ':dir/directive.copy'
\copy sauro.task FROM ':dir/task.copy'
\copy sauro.task_support FROM ':dir/task_support.copy'
\copy sauro.task_co_lead FROM ':dir/task_co_lead.copy'
\copy sauro.task_dep FROM ':dir/task_dep.copy'
\copy sauro.history FROM ':dir/history.copy'
SELECT make FROM yardstick_rebuild ORDER BY step, ord \gexec
