-- 0007 mentor search: the text every mentor is found by, kept current by triggers, with FTS5 trigram indexes.
-- Outside the EF model, read only by MentorSearchService (docs/adr/0014-mentor-search.md).
--
-- mentor_search has one row per mentor profile, visible or not: visibility is decided on mentor_profiles when
-- searching, so approval and suspension need no index work. Its integer id is the rowid of mentor_search_fts, an
-- external-content FTS5 table with the trigram tokenizer: it finds any substring of three or more characters, in any
-- script, without regard to case. The app narrows those candidates to words that start with what was typed.
CREATE TABLE "mentor_search" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mentor_search" PRIMARY KEY,
    "mentor_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "subjects" TEXT NOT NULL,
    "expertise" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "bio" TEXT NOT NULL,
    CONSTRAINT "fk_mentor_search_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_mentor_search_mentor_id" ON "mentor_search" ("mentor_id");

CREATE VIRTUAL TABLE "mentor_search_fts" USING fts5(
    "name", "subjects", "expertise", "headline", "bio",
    content = 'mentor_search', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER "mentor_search_fts_insert" AFTER INSERT ON "mentor_search" BEGIN
    INSERT INTO "mentor_search_fts" ("rowid", "name", "subjects", "expertise", "headline", "bio")
    VALUES (new."id", new."name", new."subjects", new."expertise", new."headline", new."bio");
END;

CREATE TRIGGER "mentor_search_fts_delete" AFTER DELETE ON "mentor_search" BEGIN
    INSERT INTO "mentor_search_fts" ("mentor_search_fts", "rowid", "name", "subjects", "expertise", "headline", "bio")
    VALUES ('delete', old."id", old."name", old."subjects", old."expertise", old."headline", old."bio");
END;

CREATE TRIGGER "mentor_search_fts_update" AFTER UPDATE ON "mentor_search" BEGIN
    INSERT INTO "mentor_search_fts" ("mentor_search_fts", "rowid", "name", "subjects", "expertise", "headline", "bio")
    VALUES ('delete', old."id", old."name", old."subjects", old."expertise", old."headline", old."bio");
    INSERT INTO "mentor_search_fts" ("rowid", "name", "subjects", "expertise", "headline", "bio")
    VALUES (new."id", new."name", new."subjects", new."expertise", new."headline", new."bio");
END;

-- What a mentor is found by, read from the tables it comes from: the one definition the triggers and the backfill share.
CREATE VIEW "mentor_search_source" AS
SELECT
    m."id" AS "mentor_id",
    COALESCE(u."name", '') AS "name",
    COALESCE((SELECT group_concat(s."name", ' · ') FROM "mentor_subjects" AS ms JOIN "subjects" AS s ON s."slug" = ms."subject_slug"
              WHERE ms."mentor_id" = m."id"), '') AS "subjects",
    COALESCE((SELECT group_concat(e."value", ' · ')
              FROM json_each(CASE WHEN json_valid(m."expertise_areas") THEN m."expertise_areas" ELSE '[]' END) AS e), '') AS "expertise",
    m."headline" AS "headline",
    m."bio" AS "bio"
FROM "mentor_profiles" AS m LEFT JOIN "users" AS u ON u."id" = m."user_id";

-- mentor_search follows the profile, the user's name, the mentor's subjects and the subjects' names, whoever writes
-- them: the app's services, demo seeding, a bulk loader, an operator at a SQL prompt. A deleted profile takes its row
-- with it through the foreign key (whose cascade fires the FTS delete trigger).
CREATE TRIGGER "mentor_search_profile_insert" AFTER INSERT ON "mentor_profiles" BEGIN
    INSERT INTO "mentor_search" ("mentor_id", "name", "subjects", "expertise", "headline", "bio")
    SELECT "mentor_id", "name", "subjects", "expertise", "headline", "bio" FROM "mentor_search_source" WHERE "mentor_id" = new."id"
    ON CONFLICT ("mentor_id") DO UPDATE SET "name" = excluded."name", "subjects" = excluded."subjects",
        "expertise" = excluded."expertise", "headline" = excluded."headline", "bio" = excluded."bio";
END;

CREATE TRIGGER "mentor_search_profile_update" AFTER UPDATE OF "user_id", "headline", "bio", "expertise_areas" ON "mentor_profiles"
WHEN new."user_id" IS NOT old."user_id" OR new."headline" IS NOT old."headline" OR new."bio" IS NOT old."bio"
    OR new."expertise_areas" IS NOT old."expertise_areas"
BEGIN
    INSERT INTO "mentor_search" ("mentor_id", "name", "subjects", "expertise", "headline", "bio")
    SELECT "mentor_id", "name", "subjects", "expertise", "headline", "bio" FROM "mentor_search_source" WHERE "mentor_id" = new."id"
    ON CONFLICT ("mentor_id") DO UPDATE SET "name" = excluded."name", "subjects" = excluded."subjects",
        "expertise" = excluded."expertise", "headline" = excluded."headline", "bio" = excluded."bio";
END;

CREATE TRIGGER "mentor_search_user_rename" AFTER UPDATE OF "name" ON "users" WHEN new."name" IS NOT old."name" BEGIN
    UPDATE "mentor_search" SET "name" = new."name"
    WHERE "mentor_id" IN (SELECT "id" FROM "mentor_profiles" WHERE "user_id" = new."id");
END;

CREATE TRIGGER "mentor_search_subject_added" AFTER INSERT ON "mentor_subjects" BEGIN
    UPDATE "mentor_search" SET "subjects" = (SELECT "subjects" FROM "mentor_search_source" WHERE "mentor_id" = new."mentor_id")
    WHERE "mentor_id" = new."mentor_id";
END;

CREATE TRIGGER "mentor_search_subject_removed" AFTER DELETE ON "mentor_subjects" BEGIN
    UPDATE "mentor_search" SET "subjects" = (SELECT "subjects" FROM "mentor_search_source" WHERE "mentor_id" = old."mentor_id")
    WHERE "mentor_id" = old."mentor_id";
END;

CREATE TRIGGER "mentor_search_subject_rename" AFTER UPDATE OF "name" ON "subjects" WHEN new."name" IS NOT old."name" BEGIN
    UPDATE "mentor_search" SET "subjects" = (SELECT src."subjects" FROM "mentor_search_source" AS src WHERE src."mentor_id" = "mentor_search"."mentor_id")
    WHERE "mentor_id" IN (SELECT "mentor_id" FROM "mentor_subjects" WHERE "subject_slug" = new."slug");
END;

-- Every word of the index, for typo tolerance: a query word is widened to the indexed words that look like it
-- (trigram similarity, found through mentor_search_words_fts). Words are only added, never removed: a word whose
-- mentors have gone matches nothing and costs one row.
CREATE TABLE "mentor_search_words" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mentor_search_words" PRIMARY KEY,
    "word" TEXT NOT NULL
);

CREATE UNIQUE INDEX "ix_mentor_search_words_word" ON "mentor_search_words" ("word");

CREATE VIRTUAL TABLE "mentor_search_words_fts" USING fts5(
    "word", content = 'mentor_search_words', content_rowid = 'id', tokenize = 'trigram'
);

CREATE TRIGGER "mentor_search_words_fts_insert" AFTER INSERT ON "mentor_search_words" BEGIN
    INSERT INTO "mentor_search_words_fts" ("rowid", "word") VALUES (new."id", new."word");
END;

CREATE TRIGGER "mentor_search_words_fts_delete" AFTER DELETE ON "mentor_search_words" BEGIN
    INSERT INTO "mentor_search_words_fts" ("mentor_search_words_fts", "rowid", "word") VALUES ('delete', old."id", old."word");
END;

-- The words of each mentor_search row. SQLite has no word splitter in SQL, so spaces become the separators of a JSON
-- array (after what JSON cannot hold or what commonly joins words has become a space), and punctuation is trimmed off
-- each word. Text that still is not valid JSON (a stray control character) adds no words rather than failing the write.
CREATE VIEW "mentor_search_terms" AS
SELECT s."id" AS "search_id", trim(t."value", ',.;:!?()[]{}<>''`~@#$%^&*_=+|–—‘’“”…।॥') AS "word"
FROM "mentor_search" AS s
JOIN json_each((
    SELECT CASE WHEN json_valid(l."list") THEN l."list" ELSE '[]' END
    FROM (SELECT '["' || replace(lower(replace(replace(replace(replace(replace(replace(replace(replace(
            s."name" || ' ' || s."subjects" || ' ' || s."expertise" || ' ' || s."headline" || ' ' || s."bio",
            '\', ' '), '"', ' '), char(9), ' '), char(10), ' '), char(13), ' '), '/', ' '), '·', ' '), '—', ' ')),
        ' ', '","') || '"]' AS "list") AS l)) AS t
WHERE length(trim(t."value", ',.;:!?()[]{}<>''`~@#$%^&*_=+|–—‘’“”…।॥')) BETWEEN 3 AND 40;

-- NOT EXISTS rather than INSERT OR IGNORE: inside a trigger fired by an upsert, SQLite applies the outer statement's
-- conflict policy (abort), not the OR IGNORE written here.
CREATE TRIGGER "mentor_search_words_from_insert" AFTER INSERT ON "mentor_search" BEGIN
    INSERT INTO "mentor_search_words" ("word")
    SELECT DISTINCT t."word" FROM "mentor_search_terms" AS t
    WHERE t."search_id" = new."id" AND NOT EXISTS (SELECT 1 FROM "mentor_search_words" AS w WHERE w."word" = t."word");
END;

CREATE TRIGGER "mentor_search_words_from_update" AFTER UPDATE ON "mentor_search" BEGIN
    INSERT INTO "mentor_search_words" ("word")
    SELECT DISTINCT t."word" FROM "mentor_search_terms" AS t
    WHERE t."search_id" = new."id" AND NOT EXISTS (SELECT 1 FROM "mentor_search_words" AS w WHERE w."word" = t."word");
END;

-- Every profile that already exists (the demo marketplace, real mentors) is indexed now.
INSERT INTO "mentor_search" ("mentor_id", "name", "subjects", "expertise", "headline", "bio")
SELECT "mentor_id", "name", "subjects", "expertise", "headline", "bio" FROM "mentor_search_source";
