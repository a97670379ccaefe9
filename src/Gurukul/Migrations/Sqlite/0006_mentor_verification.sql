-- 0006 mentor verification: documents, the workflow's history, slug redirects, school boards, photos, onboarding drafts.
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

ALTER TABLE "users" ADD COLUMN "photo_key" TEXT NULL;
ALTER TABLE "mentor_profiles" ADD COLUMN "submitted_at" TEXT NULL;

CREATE TABLE "boards" (
    "code" TEXT NOT NULL CONSTRAINT "pk_boards" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "state" TEXT NULL,
    "sort_order" INTEGER NOT NULL
);

CREATE TABLE "onboarding_drafts" (
    "user_id" TEXT NOT NULL CONSTRAINT "pk_onboarding_drafts" PRIMARY KEY,
    "step" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_onboarding_drafts_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "mentor_documents" (
    "id" TEXT NOT NULL CONSTRAINT "pk_mentor_documents" PRIMARY KEY,
    "mentor_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "uploaded_at" TEXT NOT NULL,
    CONSTRAINT "fk_mentor_documents_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE
);

CREATE TABLE "mentor_slug_redirects" (
    "slug" TEXT NOT NULL CONSTRAINT "pk_mentor_slug_redirects" PRIMARY KEY,
    "mentor_id" TEXT NOT NULL,
    "retired_at" TEXT NOT NULL,
    CONSTRAINT "fk_mentor_slug_redirects_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE
);

CREATE TABLE "verification_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_verification_events" PRIMARY KEY,
    "mentor_id" TEXT NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "notes" TEXT NULL,
    "actor_user_id" TEXT NULL,
    "at" TEXT NOT NULL,
    CONSTRAINT "fk_verification_events_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_verification_events_users_actor_user_id" FOREIGN KEY ("actor_user_id") REFERENCES "users" ("id") ON DELETE SET NULL
);

CREATE INDEX "ix_mentor_documents_mentor_id_uploaded_at" ON "mentor_documents" ("mentor_id", "uploaded_at");
CREATE INDEX "ix_mentor_profiles_verification_status_submitted_at" ON "mentor_profiles" ("verification_status", "submitted_at");
CREATE INDEX "ix_mentor_slug_redirects_mentor_id" ON "mentor_slug_redirects" ("mentor_id");
CREATE INDEX "ix_verification_events_actor_user_id" ON "verification_events" ("actor_user_id");
CREATE INDEX "ix_verification_events_mentor_id_at" ON "verification_events" ("mentor_id", "at");
