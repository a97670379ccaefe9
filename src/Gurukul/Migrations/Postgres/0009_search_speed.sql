-- 0009 search speed: a change clock for the in-process search index (docs/adr/0014-mentor-search.md).
-- Outside the EF model. Every write that changes what search sees (a mentor's filter or sort fields, visibility,
-- subjects, languages, their text in mentor_search, the subject and language names facets show) moves the clock and
-- records which mentors it touched, so that every app node can bring its copy up to date with one indexed read.

-- One row. Writers update it in their own transaction, so its row lock hands out versions in commit order: once a
-- version is visible, every smaller one has committed (a sequence would not promise that). text_version moves only
-- when mentor_search (the text of 0007) changes, so cached text matches outlive rating or visibility changes.
CREATE TABLE mentor_search_clock (
    id integer NOT NULL,
    version bigint NOT NULL,
    text_version bigint NOT NULL,
    CONSTRAINT pk_mentor_search_clock PRIMARY KEY (id),
    CONSTRAINT ck_mentor_search_clock_one_row CHECK (id = 1)
);

INSERT INTO mentor_search_clock (id, version, text_version) VALUES (1, 0, 0);

-- The version at which each mentor last changed. No foreign key: a deleted mentor's row is how nodes learn to drop them.
CREATE TABLE mentor_search_changes (
    mentor_id uuid NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_mentor_search_changes PRIMARY KEY (mentor_id)
);

CREATE INDEX ix_mentor_search_changes_version ON mentor_search_changes (version);

-- The UPDATE runs even when no mentor is named (a subject renamed): the clock still moves. Mentors in id order, so two
-- writers never lock the same change rows in opposite orders.
CREATE FUNCTION mentor_search_tick(mentors uuid[], text_changed boolean) RETURNS void LANGUAGE sql AS $$
    WITH tick AS (
        UPDATE mentor_search_clock
        SET version = version + 1, text_version = text_version + CASE WHEN text_changed THEN 1 ELSE 0 END
        WHERE id = 1
        RETURNING version)
    INSERT INTO mentor_search_changes (mentor_id, version)
    SELECT DISTINCT m.id, tick.version FROM tick CROSS JOIN unnest(mentors) AS m (id)
    ORDER BY 1
    ON CONFLICT (mentor_id) DO UPDATE SET version = excluded.version;
$$;

-- Statement-level, with transition tables: a bulk load or a mass update moves the clock once.
CREATE FUNCTION mentor_search_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'mentor_profiles' THEN
        PERFORM mentor_search_tick(ARRAY(SELECT c.id FROM changed AS c), false);
    ELSIF TG_TABLE_NAME IN ('subjects', 'languages') THEN
        PERFORM mentor_search_tick('{}'::uuid[], false);
    ELSE
        PERFORM mentor_search_tick(ARRAY(SELECT c.mentor_id FROM changed AS c), TG_TABLE_NAME = 'mentor_search');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER mentor_search_clock_profile_insert AFTER INSERT ON mentor_profiles
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
CREATE TRIGGER mentor_search_clock_profile_update AFTER UPDATE ON mentor_profiles
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
CREATE TRIGGER mentor_search_clock_profile_delete AFTER DELETE ON mentor_profiles
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();

CREATE TRIGGER mentor_search_clock_subject_insert AFTER INSERT ON mentor_subjects
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
CREATE TRIGGER mentor_search_clock_subject_update AFTER UPDATE ON mentor_subjects
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
CREATE TRIGGER mentor_search_clock_subject_delete AFTER DELETE ON mentor_subjects
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();

CREATE TRIGGER mentor_search_clock_language_insert AFTER INSERT ON mentor_languages
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
CREATE TRIGGER mentor_search_clock_language_update AFTER UPDATE ON mentor_languages
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
CREATE TRIGGER mentor_search_clock_language_delete AFTER DELETE ON mentor_languages
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();

CREATE TRIGGER mentor_search_clock_text_insert AFTER INSERT ON mentor_search
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
CREATE TRIGGER mentor_search_clock_text_update AFTER UPDATE ON mentor_search
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
CREATE TRIGGER mentor_search_clock_text_delete AFTER DELETE ON mentor_search
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();

CREATE TRIGGER mentor_search_clock_subject_names AFTER INSERT OR UPDATE OR DELETE ON subjects
    FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
CREATE TRIGGER mentor_search_clock_language_names AFTER INSERT OR UPDATE OR DELETE ON languages
    FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_touched();
