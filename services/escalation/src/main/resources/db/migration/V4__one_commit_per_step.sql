-- One commit per step: the driver, the process adapters and the decision write the escalation records in the step's
-- own transaction, and one consumer group ("escalation") replaces the seven channels of three consumers.

-- A repeated trigger while an escalation is open is counted on the record (it was a process variable).
ALTER TABLE escalation ADD COLUMN repeats INT NOT NULL DEFAULT 0;

-- A new escalation's first supervisor task is inserted while the step runs; the escalation row itself is written
-- once, at the end of the step (TransactionalRepository). The foreign key is checked at the commit.
ALTER TABLE supervisor_task ALTER CONSTRAINT supervisor_task_escalation_id_fkey DEFERRABLE INITIALLY DEFERRED;

-- The new group reads the topics from the beginning. What the old process driver applied it must not apply again:
-- its inbox marks become the new consumer's. The read model needs none (its timeline entry, unique per event, is
-- its record of what it applied); the state consumer's records are now written by the steps themselves.
INSERT INTO inbox (consumer, event_id, event_type, applied_at)
SELECT 'escalation', event_id, event_type, applied_at FROM inbox WHERE consumer = 'escalation.process'
ON CONFLICT DO NOTHING;
DELETE FROM inbox WHERE consumer IN ('escalation.process', 'escalation.timeline', 'escalation.state');
