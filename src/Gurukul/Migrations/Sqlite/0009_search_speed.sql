-- 0009 search speed: a change clock for the in-process search index (docs/adr/0014-mentor-search.md).
-- Outside the EF model. Every write that changes what search sees (a mentor's filter or sort fields, visibility,
-- subjects, languages, their text in mentor_search, the subject and language names facets show) moves the clock and
-- records which mentors it touched, so that every app node can bring its copy up to date with one indexed read.
-- SQLite has one writer at a time, so versions are always visible in order.

-- text_version moves only when mentor_search (the text of 0007) changes, so cached text matches outlive rating or
-- visibility changes.
CREATE TABLE "mentor_search_clock" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mentor_search_clock" PRIMARY KEY CHECK ("id" = 1),
    "version" INTEGER NOT NULL,
    "text_version" INTEGER NOT NULL
);

INSERT INTO "mentor_search_clock" ("id", "version", "text_version") VALUES (1, 0, 0);

-- The version at which each mentor last changed. No foreign key: a deleted mentor's row is how nodes learn to drop them.
CREATE TABLE "mentor_search_changes" (
    "mentor_id" TEXT NOT NULL CONSTRAINT "pk_mentor_search_changes" PRIMARY KEY,
    "version" INTEGER NOT NULL
);

CREATE INDEX "ix_mentor_search_changes_version" ON "mentor_search_changes" ("version");

-- SQLite triggers are per row: each changed row moves the clock and records its mentor. DELETE then INSERT rather than
-- INSERT OR REPLACE: inside a trigger, an outer statement's own conflict policy (0007's upserts) would override ours.

CREATE TRIGGER "mentor_search_clock_profile_insert" AFTER INSERT ON "mentor_profiles" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = new."id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT new."id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_profile_update" AFTER UPDATE ON "mentor_profiles" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = new."id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT new."id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_profile_delete" AFTER DELETE ON "mentor_profiles" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = old."id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT old."id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_subject_insert" AFTER INSERT ON "mentor_subjects" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_subject_update" AFTER UPDATE ON "mentor_subjects" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_subject_delete" AFTER DELETE ON "mentor_subjects" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = old."mentor_id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT old."mentor_id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_language_insert" AFTER INSERT ON "mentor_languages" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_language_update" AFTER UPDATE ON "mentor_languages" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_language_delete" AFTER DELETE ON "mentor_languages" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = old."mentor_id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT old."mentor_id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_text_insert" AFTER INSERT ON "mentor_search" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1, "text_version" = "text_version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_text_update" AFTER UPDATE ON "mentor_search" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1, "text_version" = "text_version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_search_clock";
END;

CREATE TRIGGER "mentor_search_clock_text_delete" AFTER DELETE ON "mentor_search" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1, "text_version" = "text_version" + 1;
    DELETE FROM "mentor_search_changes" WHERE "mentor_id" = old."mentor_id";
    INSERT INTO "mentor_search_changes" ("mentor_id", "version") SELECT old."mentor_id", "version" FROM "mentor_search_clock";
END;

-- Subject and language names are shown by the facets: renaming one moves the clock without naming a mentor.

CREATE TRIGGER "mentor_search_clock_subject_names_insert" AFTER INSERT ON "subjects" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_subject_names_update" AFTER UPDATE ON "subjects" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_subject_names_delete" AFTER DELETE ON "subjects" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_language_names_insert" AFTER INSERT ON "languages" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_language_names_update" AFTER UPDATE ON "languages" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_language_names_delete" AFTER DELETE ON "languages" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;
