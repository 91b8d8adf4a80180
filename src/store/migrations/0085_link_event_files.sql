-- A file is readable through the one case it is attached to (files.case_id), no longer through
-- any case or event that merely names its id (naming a foreign id leaked it across districts).
-- Files their own uploader named in a case event before the rule are attached to that case here,
-- so photos given as feedback or verification evidence stay readable to whoever sees the case.
UPDATE files f SET case_id = e.case_id
FROM case_events e
WHERE f.case_id IS NULL
  AND e.actor_user_id = f.uploaded_by
  AND (e.payload->'photoIds' ? f.id OR e.payload->'beforePhotoIds' ? f.id
       OR e.payload->'afterPhotoIds' ? f.id);
