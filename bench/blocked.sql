-- The plain query of the blocked tasks, the yardstick of `sauro blocked`
-- (bench/whole-process.sh): each open task with an open prerequisite, with
-- those prerequisites, its lead and title. (On the benchmark's data every
-- task was finished before the as-of day or is open, so `state` alone says
-- what is finished on that day.)
SELECT t.id, t.lead, t.title, group_concat(d.depends_on, ', ')
FROM task t
JOIN task_dep d ON d.task_id = t.id
JOIN task p ON p.id = d.depends_on
WHERE t.state = 'open' AND p.state = 'open'
GROUP BY t.id
ORDER BY t.id;
