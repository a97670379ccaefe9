-- 0010 search cards: the search index now serves whole mentor cards (docs/adr/0014-mentor-search.md), so the change
-- clock of 0009 also moves when a card changes outside the mentor's own rows: their photo (on users; a rename already
-- moves it through mentor_search) and the subject categories cards name.

-- Students change photos too: only a mentor's moves the clock.
CREATE TRIGGER "mentor_search_clock_user_photo" AFTER UPDATE OF "photo_key" ON "users"
WHEN new."photo_key" IS NOT old."photo_key" AND EXISTS (SELECT 1 FROM "mentor_profiles" WHERE "user_id" = new."id") BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" IN (SELECT "id" FROM "mentor_profiles" WHERE "user_id" = new."id");
    INSERT INTO "mentor_search_changes" ("mentor_id", "version")
    SELECT m."id", c."version" FROM "mentor_profiles" AS m CROSS JOIN "mentor_search_clock" AS c WHERE m."user_id" = new."id";
END;

CREATE TRIGGER "mentor_search_clock_category_names_insert" AFTER INSERT ON "subject_categories" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_category_names_update" AFTER UPDATE ON "subject_categories" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_category_names_delete" AFTER DELETE ON "subject_categories" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;
