-- 0012 scheduling: mentors' availability (weekly hours, date overrides, booking rules), calendar feeds, and the
-- availability clock that keeps each node's availability index current (docs/adr/0020 and 0021).
-- Tables hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "mentor_availability" (
    "mentor_id" TEXT NOT NULL CONSTRAINT "pk_mentor_availability" PRIMARY KEY,
    "time_zone" TEXT NOT NULL,
    "durations" TEXT NOT NULL,
    "buffer_minutes" INTEGER NOT NULL,
    "min_notice_minutes" INTEGER NOT NULL,
    "max_sessions_per_day" INTEGER NULL,
    "horizon_days" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_mentor_availability_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE
);

CREATE TABLE "mentor_weekly_hours" (
    "mentor_id" TEXT NOT NULL,
    "day" INTEGER NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "end_minute" INTEGER NOT NULL,
    CONSTRAINT "pk_mentor_weekly_hours" PRIMARY KEY ("mentor_id", "day", "start_minute"),
    CONSTRAINT "fk_mentor_weekly_hours_mentor_availability_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_availability" ("mentor_id") ON DELETE CASCADE
);

CREATE TABLE "mentor_date_overrides" (
    "mentor_id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    CONSTRAINT "pk_mentor_date_overrides" PRIMARY KEY ("mentor_id", "date"),
    CONSTRAINT "fk_mentor_date_overrides_mentor_availability_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_availability" ("mentor_id") ON DELETE CASCADE
);

CREATE TABLE "mentor_override_hours" (
    "mentor_id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "start_minute" INTEGER NOT NULL,
    "end_minute" INTEGER NOT NULL,
    CONSTRAINT "pk_mentor_override_hours" PRIMARY KEY ("mentor_id", "date", "start_minute"),
    CONSTRAINT "fk_mentor_override_hours_mentor_date_overrides_mentor_id_date" FOREIGN KEY ("mentor_id", "date") REFERENCES "mentor_date_overrides" ("mentor_id", "date") ON DELETE CASCADE
);

CREATE TABLE "calendar_feeds" (
    "user_id" TEXT NOT NULL CONSTRAINT "pk_calendar_feeds" PRIMARY KEY,
    "token_hash" BLOB NOT NULL,
    "protected_token" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_calendar_feeds_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_calendar_feeds_token_hash" ON "calendar_feeds" ("token_hash");

-- The availability clock, outside the EF model, on the model of the search clock (0009): every write that changes which
-- slots a mentor offers moves it and records the mentor, so each node's availability index reloads just those mentors.
-- Bookings and holds will move it too (the booking feature adds triggers like these on its tables: docs/adr/0021).
-- SQLite has one writer at a time, so versions are always visible in order.
CREATE TABLE "mentor_availability_clock" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mentor_availability_clock" PRIMARY KEY CHECK ("id" = 1),
    "version" INTEGER NOT NULL
);

INSERT INTO "mentor_availability_clock" ("id", "version") VALUES (1, 0);

-- The version at which each mentor's availability last changed. No foreign key: deletions are recorded too.
CREATE TABLE "mentor_availability_changes" (
    "mentor_id" TEXT NOT NULL CONSTRAINT "pk_mentor_availability_changes" PRIMARY KEY,
    "version" INTEGER NOT NULL
);

CREATE INDEX "ix_mentor_availability_changes_version" ON "mentor_availability_changes" ("version");

-- Per row, DELETE then INSERT (not INSERT OR REPLACE: an outer statement's conflict policy would override it; 0009).

CREATE TRIGGER "mentor_availability_clock_insert" AFTER INSERT ON "mentor_availability" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_update" AFTER UPDATE ON "mentor_availability" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_delete" AFTER DELETE ON "mentor_availability" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = old."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT old."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_weekly_insert" AFTER INSERT ON "mentor_weekly_hours" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_weekly_update" AFTER UPDATE ON "mentor_weekly_hours" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_weekly_delete" AFTER DELETE ON "mentor_weekly_hours" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = old."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT old."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_override_insert" AFTER INSERT ON "mentor_date_overrides" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_override_update" AFTER UPDATE ON "mentor_date_overrides" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_override_delete" AFTER DELETE ON "mentor_date_overrides" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = old."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT old."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_override_hours_insert" AFTER INSERT ON "mentor_override_hours" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_override_hours_update" AFTER UPDATE ON "mentor_override_hours" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "mentor_availability_clock_override_hours_delete" AFTER DELETE ON "mentor_override_hours" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = old."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT old."mentor_id", "version" FROM "mentor_availability_clock";
END;
