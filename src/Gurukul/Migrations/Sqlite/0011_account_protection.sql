-- 0011 account protection (issue 16, docs/adr/0018-account-protection.md): lockout counters for emails that have no
-- account, so they lock exactly as real ones do; refresh tokens already exchanged, so a replay ends its session.
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "unknown_email_lockouts" (
    "email_hash" TEXT NOT NULL CONSTRAINT "pk_unknown_email_lockouts" PRIMARY KEY,
    "access_failed_count" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "last_failed_at" TEXT NOT NULL
);

CREATE INDEX "ix_unknown_email_lockouts_last_failed_at" ON "unknown_email_lockouts" ("last_failed_at");

CREATE TABLE "retired_refresh_tokens" (
    "token_hash" TEXT NOT NULL CONSTRAINT "pk_retired_refresh_tokens" PRIMARY KEY,
    "session_id" TEXT NOT NULL,
    "retired_at" TEXT NOT NULL,
    CONSTRAINT "fk_retired_refresh_tokens_sessions_session_id" FOREIGN KEY ("session_id") REFERENCES "sessions" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_retired_refresh_tokens_session_id" ON "retired_refresh_tokens" ("session_id");
