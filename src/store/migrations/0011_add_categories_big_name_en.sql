-- English name of a category's big class (gridloop's gloss; the standards name classes in Chinese only).
ALTER TABLE categories ADD COLUMN big_name_en text;
