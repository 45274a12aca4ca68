-- 0040 complaints, changes of plan and messages name a person of the same council (issue 23): a
-- composite foreign key (council_id, person_id) to people, as the older tables have, so a row can
-- never point at another council's person or at nobody.
ALTER TABLE messages ADD CONSTRAINT messages_person_fk
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id);
ALTER TABLE complaints ADD CONSTRAINT complaints_person_fk
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id);
ALTER TABLE plan_changes ADD CONSTRAINT plan_changes_person_fk
  FOREIGN KEY (council_id, person_id) REFERENCES people (council_id, person_id);
