-- 0015 bookings: the booking and its reschedules, the database's refusal of two overlapping bookings of a mentor, and the
-- triggers that tell the availability index when a booking takes or frees a mentor's time (docs/adr/0026, 0021).
-- Tables hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "bookings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_bookings" PRIMARY KEY,
    "mentor_id" TEXT NOT NULL,
    "mentor_user_id" TEXT NOT NULL,
    "student_id" TEXT NOT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "buffer_minutes" INTEGER NOT NULL,
    "blocks_until" TEXT NOT NULL,
    "session_type" TEXT NOT NULL,
    "session_language" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "coupon_code" TEXT NULL,
    "hold_expires_at" TEXT NOT NULL,
    "payment_id" TEXT NULL,
    "purpose" TEXT NOT NULL,
    "questions" TEXT NOT NULL,
    "challenges" TEXT NULL,
    "expected_outcome" TEXT NULL,
    "cancelled_by" TEXT NULL,
    "cancelled_at" TEXT NULL,
    "cancellation_reason" TEXT NULL,
    "cancellation_refund_minor" INTEGER NULL,
    "outcome" TEXT NULL,
    "outcome_at" TEXT NULL,
    "disputed_at" TEXT NULL,
    "dispute_reason" TEXT NULL,
    "resolved_at" TEXT NULL,
    "resolution_note" TEXT NULL,
    "resolution_refund_minor" INTEGER NULL,
    "sequence" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "price_amount_minor" INTEGER NOT NULL,
    "price_currency" TEXT NOT NULL,
    CONSTRAINT "ck_bookings_times" CHECK (starts_at < ends_at AND ends_at <= blocks_until),
    CONSTRAINT "fk_bookings_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_bookings_users_mentor_user_id" FOREIGN KEY ("mentor_user_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_bookings_users_student_id" FOREIGN KEY ("student_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "booking_reschedules" (
    "id" TEXT NOT NULL CONSTRAINT "pk_booking_reschedules" PRIMARY KEY,
    "booking_id" TEXT NOT NULL,
    "from_starts_at" TEXT NOT NULL,
    "to_starts_at" TEXT NOT NULL,
    "moved_by" TEXT NOT NULL,
    "moved_by_user_id" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_booking_reschedules_bookings_booking_id" FOREIGN KEY ("booking_id") REFERENCES "bookings" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_booking_reschedules_booking_id_at" ON "booking_reschedules" ("booking_id", "at");

CREATE INDEX "ix_bookings_mentor_id_starts_at" ON "bookings" ("mentor_id", "starts_at");

CREATE INDEX "ix_bookings_mentor_user_id_starts_at" ON "bookings" ("mentor_user_id", "starts_at");

CREATE INDEX "ix_bookings_status_disputed_at" ON "bookings" ("status", "disputed_at");

CREATE INDEX "ix_bookings_student_id_starts_at" ON "bookings" ("student_id", "starts_at");

-- No double booking, decided by the database (ADR 0026): a pending or confirmed booking occupies [starts_at, blocks_until) of its
-- mentor's time, and no two such rows of one mentor may overlap. SQLite has one writer at a time and every write transaction
-- begins IMMEDIATE, so this check runs against everything committed and nothing can slip in beside it: as strict as
-- PostgreSQL's exclusion constraint. Times are EF's fixed-format UTC text, which sorts as the instants do. Touching is allowed.
CREATE TRIGGER "bookings_no_overlap_insert" BEFORE INSERT ON "bookings"
WHEN new."status" IN ('pending_payment', 'confirmed')
BEGIN
    SELECT RAISE(ABORT, 'bookings_no_overlap') WHERE EXISTS (
        SELECT 1 FROM "bookings" AS b
        WHERE b."mentor_id" = new."mentor_id" AND b."status" IN ('pending_payment', 'confirmed')
          AND b."starts_at" < new."blocks_until" AND new."starts_at" < b."blocks_until");
END;

CREATE TRIGGER "bookings_no_overlap_update" BEFORE UPDATE OF "status", "starts_at", "blocks_until", "mentor_id" ON "bookings"
WHEN new."status" IN ('pending_payment', 'confirmed')
BEGIN
    SELECT RAISE(ABORT, 'bookings_no_overlap') WHERE EXISTS (
        SELECT 1 FROM "bookings" AS b
        WHERE b."id" <> new."id" AND b."mentor_id" = new."mentor_id" AND b."status" IN ('pending_payment', 'confirmed')
          AND b."starts_at" < new."blocks_until" AND new."starts_at" < b."blocks_until");
END;

-- The availability clock of 0012 moves when a booking takes time (inserted) or frees it (cancelled, expired, moved); a
-- confirmation or an outcome changes nothing the slot engine sees.
CREATE TRIGGER "bookings_availability_insert" AFTER INSERT ON "bookings" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "bookings_availability_update" AFTER UPDATE OF "status", "starts_at", "blocks_until" ON "bookings"
WHEN (old."status" IN ('cancelled', 'expired')) <> (new."status" IN ('cancelled', 'expired'))
  OR old."starts_at" <> new."starts_at" OR old."blocks_until" <> new."blocks_until"
BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = new."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT new."mentor_id", "version" FROM "mentor_availability_clock";
END;

CREATE TRIGGER "bookings_availability_delete" AFTER DELETE ON "bookings" BEGIN
    UPDATE "mentor_availability_clock" SET "version" = "version" + 1;
    DELETE FROM "mentor_availability_changes" WHERE "mentor_id" = old."mentor_id";
    INSERT INTO "mentor_availability_changes" ("mentor_id", "version") SELECT old."mentor_id", "version" FROM "mentor_availability_clock";
END;
