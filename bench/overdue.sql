-- The plain query of the overdue tasks, the yardstick of `sauro overdue`
-- (bench/whole-process.sh): the tasks open and past their deadline on the
-- as-of day (:asof, which bench/whole-process.sh replaces with the day;
-- the deadline day itself is on time), with the columns its
-- table shows, longest overdue first.
SELECT id, deadline_due, lead, title
FROM task
WHERE deadline_due < :asof AND state = 'open'
ORDER BY deadline_due, id;
