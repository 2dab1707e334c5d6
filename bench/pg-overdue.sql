-- The plain query of the overdue tasks on sauro's PostgreSQL schema, the
-- yardstick of `sauro overdue` (bench/pg-whole-process.sh; :asof replaced
-- with the day): the same rows and columns as bench/overdue.sql.
SELECT id, deadline_due, lead, title
FROM sauro.task
WHERE deadline_due < :asof AND state = 'open'
ORDER BY deadline_due, id COLLATE "C";
