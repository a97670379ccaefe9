-- 0007 mentor search: the text every mentor is found by, kept current by triggers, with full-text and trigram indexes.
-- Outside the EF model, read only by MentorSearchService (docs/adr/0014-mentor-search.md).

-- pg_trgm is a trusted extension: the database's owner may create it without being a superuser. A DBA may also have
-- created it beforehand; IF NOT EXISTS then leaves theirs alone.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per mentor profile, visible or not: visibility is decided on mentor_profiles when searching, so approval
-- and suspension need no index work. Both vectors use the 'simple' configuration (no stemming, no stop words, any
-- script: Telugu and Hindi words stay whole). "document" is every word, without positions (nothing needs them, and
-- stripped it is a third smaller), and is what the GIN index matches; "labels" is the short part, weighted A name,
-- B subjects and expertise, C headline, that ranking reads.
CREATE TABLE mentor_search (
    mentor_id uuid NOT NULL,
    labels tsvector NOT NULL,
    document tsvector NOT NULL,
    CONSTRAINT pk_mentor_search PRIMARY KEY (mentor_id),
    CONSTRAINT fk_mentor_search_mentor_profiles_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_profiles (id) ON DELETE CASCADE
);

CREATE INDEX ix_mentor_search_document ON mentor_search USING gin (document);

-- Every word of the index, for typo tolerance: a query word is widened to the indexed words that look like it
-- (trigram similarity), and those join the full-text query. Words are only added, never removed: a word whose
-- mentors have gone matches nothing and costs one row.
CREATE TABLE mentor_search_words (
    word text NOT NULL,
    CONSTRAINT pk_mentor_search_words PRIMARY KEY (word)
);

CREATE INDEX ix_mentor_search_words_word ON mentor_search_words USING gin (word gin_trgm_ops);

-- Rebuilds the rows of these mentors from the tables their text comes from: the one definition every trigger and the
-- backfill share.
CREATE FUNCTION mentor_search_refresh(mentors uuid[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO mentor_search (mentor_id, labels, document)
    SELECT m.id, l.labels, strip(l.labels || to_tsvector('simple'::regconfig, m.bio))
    FROM mentor_profiles AS m
    LEFT JOIN users AS u ON u.id = m.user_id
    CROSS JOIN LATERAL (SELECT
        setweight(to_tsvector('simple'::regconfig, COALESCE(u.name, '')), 'A')
        || setweight(to_tsvector('simple'::regconfig,
            COALESCE((SELECT string_agg(s.name, ' · ' ORDER BY s.name) FROM mentor_subjects AS ms JOIN subjects AS s ON s.slug = ms.subject_slug
                      WHERE ms.mentor_id = m.id), '')
            || ' · ' || array_to_string(m.expertise_areas, ' · ')), 'B')
        || setweight(to_tsvector('simple'::regconfig, m.headline), 'C') AS labels) AS l
    WHERE m.id = ANY (mentors)
    ON CONFLICT (mentor_id) DO UPDATE SET labels = excluded.labels, document = excluded.document;
$$;

-- Which mentors a change touches. Inserts and subject changes are statement-level with transition tables, so a bulk
-- load (a COPY of a whole marketplace) is indexed in a few set-based statements rather than one per row.
CREATE FUNCTION mentor_search_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'mentor_profiles' THEN
        PERFORM mentor_search_refresh(ARRAY(SELECT c.id FROM changed AS c));
    ELSE
        PERFORM mentor_search_refresh(ARRAY(SELECT DISTINCT c.mentor_id FROM changed AS c));
    END IF;
    RETURN NULL;
END
$$;

-- Edits to one row at a time: a profile's text, a user's name, a subject's name. Each IF plans only its own branch,
-- so NEW's fields are those of the table that fired.
CREATE FUNCTION mentor_search_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'mentor_profiles' THEN
        PERFORM mentor_search_refresh(ARRAY[NEW.id]);
    ELSIF TG_TABLE_NAME = 'users' THEN
        PERFORM mentor_search_refresh(ARRAY(SELECT m.id FROM mentor_profiles AS m WHERE m.user_id = NEW.id));
    ELSE
        PERFORM mentor_search_refresh(ARRAY(SELECT ms.mentor_id FROM mentor_subjects AS ms WHERE ms.subject_slug = NEW.slug));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER mentor_search_profile_insert AFTER INSERT ON mentor_profiles
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_rows_changed();

CREATE TRIGGER mentor_search_subject_added AFTER INSERT ON mentor_subjects
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_rows_changed();

CREATE TRIGGER mentor_search_subject_removed AFTER DELETE ON mentor_subjects
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_rows_changed();

CREATE TRIGGER mentor_search_profile_update AFTER UPDATE OF user_id, headline, bio, expertise_areas ON mentor_profiles
    FOR EACH ROW WHEN ((NEW.user_id, NEW.headline, NEW.bio, NEW.expertise_areas) IS DISTINCT FROM (OLD.user_id, OLD.headline, OLD.bio, OLD.expertise_areas))
    EXECUTE FUNCTION mentor_search_row_changed();

CREATE TRIGGER mentor_search_user_rename AFTER UPDATE OF name ON users
    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION mentor_search_row_changed();

CREATE TRIGGER mentor_search_subject_rename AFTER UPDATE OF name ON subjects
    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION mentor_search_row_changed();

-- In word order, so that two transactions adding overlapping words lock them in the same order (no deadlock).
CREATE FUNCTION mentor_search_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mentor_search_words (word)
    SELECT DISTINCT w.word FROM changed AS c CROSS JOIN LATERAL unnest(tsvector_to_array(c.document)) AS w (word)
    WHERE char_length(w.word) BETWEEN 3 AND 40
    ORDER BY w.word
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER mentor_search_words_insert AFTER INSERT ON mentor_search
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_words_added();

CREATE TRIGGER mentor_search_words_update AFTER UPDATE ON mentor_search
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_words_added();

-- Every profile that already exists is indexed now.
SELECT mentor_search_refresh(ARRAY(SELECT m.id FROM mentor_profiles AS m));
