-- 0003 accounts: date of birth and guardian consent on users, sessions (cookie and bearer), audit events.
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

ALTER TABLE "users" ADD COLUMN "date_of_birth" TEXT NULL;
ALTER TABLE "users" ADD COLUMN "guardian_email" TEXT NULL;
ALTER TABLE "users" ADD COLUMN "guardian_consent" TEXT NOT NULL DEFAULT 'not_required';
ALTER TABLE "users" ADD COLUMN "guardian_decided_at" TEXT NULL;
ALTER TABLE "users" ADD COLUMN "suspended_at" TEXT NULL;

CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL CONSTRAINT "pk_audit_events" PRIMARY KEY,
    "at" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "actor_user_id" TEXT NULL,
    "subject_user_id" TEXT NULL,
    "detail" TEXT NULL,
    "ip_address" TEXT NULL,
    "user_agent" TEXT NULL
);

CREATE TABLE "sessions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sessions" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "access_token_hash" TEXT NULL,
    "refresh_token_hash" TEXT NULL,
    "security_stamp" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "refresh_expires_at" TEXT NULL,
    "revoked_at" TEXT NULL,
    "ip_address" TEXT NULL,
    "user_agent" TEXT NULL,
    CONSTRAINT "fk_sessions_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_audit_events_action_at" ON "audit_events" ("action", "at");

CREATE INDEX "ix_audit_events_at" ON "audit_events" ("at");

CREATE INDEX "ix_audit_events_subject_user_id_at" ON "audit_events" ("subject_user_id", "at");

CREATE UNIQUE INDEX "ix_sessions_access_token_hash" ON "sessions" ("access_token_hash");

CREATE UNIQUE INDEX "ix_sessions_refresh_token_hash" ON "sessions" ("refresh_token_hash");

CREATE INDEX "ix_sessions_user_id" ON "sessions" ("user_id");
