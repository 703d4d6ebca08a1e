-- The same reasoning as 0025, for identifiers: a subject row is never deleted (the store refuses it), and an
-- identifier is written either in the one statement that creates its subject or for a subject the same transaction
-- has just found. The foreign key checked what cannot happen, with a locking query per new identifier (SELECT ... FOR
-- KEY SHARE on the subject row, one more WAL record each) in the dearest statement of an append that creates subjects.
ALTER TABLE subject_identifiers DROP CONSTRAINT subject_identifiers_subject_id_fkey;
