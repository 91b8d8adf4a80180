-- Two-character text search (井盖, 路灯: many Chinese words are two characters) in a history of
-- millions (issue #8 remainders). Trigrams (0100) cannot index a text shorter than three
-- characters, so a two-character search tested every case of the list in list order. Each case
-- now keeps the set of its two-character grams (二元组) of address and description, and a GIN
-- index on (district_code, grams) finds the cases holding every gram of the text; ILIKE stays
-- the final check. A gram is two adjacent characters that are both letters, digits or any
-- character beyond ASCII other than whitespace and CJK punctuation; the same function makes the
-- grams of the searched text, so a case that contains the text always holds all its grams.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE FUNCTION case_text_bigrams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g ORDER BY g), '{}'::text[])
  FROM (SELECT substr(lower(t), i, 2) AS g FROM generate_series(1, length(t) - 1) AS i) s
  WHERE g !~ '[^0-9a-z\u00aa-\u1fff\u2070-\u2fff\u3040-\ufeff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffef]'
$$;

ALTER TABLE cases ADD COLUMN text_bigrams text[];

CREATE FUNCTION cases_text_bigrams_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.text_bigrams := case_text_bigrams(coalesce(NEW.address, '') || ' ' || NEW.description);
  RETURN NEW;
END;
$$;
CREATE TRIGGER cases_text_bigrams_fill BEFORE INSERT OR UPDATE OF address, description ON cases
  FOR EACH ROW EXECUTE FUNCTION cases_text_bigrams_fill();

UPDATE cases SET text_bigrams = case_text_bigrams(coalesce(address, '') || ' ' || description);

CREATE INDEX cases_text_bigrams_idx ON cases USING gin (district_code, text_bigrams);
