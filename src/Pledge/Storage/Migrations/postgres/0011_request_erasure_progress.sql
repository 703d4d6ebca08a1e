-- Erasure runs one transaction per system: the systems that committed are recorded as they commit (JSON: system,
-- tables, actions and counts, never data), so a run after a partial failure does only the systems still to do.
ALTER TABLE requests ADD COLUMN erasure_done text;
