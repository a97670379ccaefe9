-- 0010 search cards: the search index now serves whole mentor cards (docs/adr/0014-mentor-search.md), so the change
-- clock of 0009 also moves when a card changes outside the mentor's own rows: their photo (on users; a rename already
-- moves it through mentor_search) and the subject categories cards name.

CREATE FUNCTION mentor_search_card_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Students change photos too: only a mentor's moves the clock.
    IF EXISTS (SELECT 1 FROM mentor_profiles WHERE user_id = NEW.id) THEN
        PERFORM mentor_search_tick(ARRAY(SELECT m.id FROM mentor_profiles AS m WHERE m.user_id = NEW.id), false);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER mentor_search_clock_user_photo AFTER UPDATE OF photo_key ON users
    FOR EACH ROW WHEN (NEW.photo_key IS DISTINCT FROM OLD.photo_key) EXECUTE FUNCTION mentor_search_card_user_changed();

-- Category names and order move the clock without naming a mentor (0009's mentor_search_touched knows only its own tables).
CREATE FUNCTION mentor_search_categories_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mentor_search_tick('{}'::uuid[], false);
    RETURN NULL;
END
$$;

CREATE TRIGGER mentor_search_clock_category_names AFTER INSERT OR UPDATE OR DELETE ON subject_categories
    FOR EACH STATEMENT EXECUTE FUNCTION mentor_search_categories_changed();
