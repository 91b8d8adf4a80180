-- The reporter's e-mail (Open311's `email`), a personal field like the phone: shown in full only
-- to the roles domain/access names (reporter_email), masked for the others, never in a public
-- answer (Open311 GET /requests reads only public columns).
ALTER TABLE cases ADD COLUMN reporter_email text CHECK (length(reporter_email) <= 254);
