-- When what the grid is asked now is due (acceptance, handling, verification, decision, return visit): the due time
-- the step announced in its event and set its timer to, shown with the worker's task. NULL for rows of older steps.
ALTER TABLE service_request ADD COLUMN task_due_at timestamptz;
