-- 0002 jobs and mail: the durable job queue and the mail outbox (docs/adr/0006-jobs-and-mail-outbox.md).
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "jobs" (
    "id" TEXT NOT NULL CONSTRAINT "pk_jobs" PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "run_at" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "max_attempts" INTEGER NOT NULL,
    "locked_by" TEXT NULL,
    "locked_until" TEXT NULL,
    "last_error" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "completed_at" TEXT NULL
);

CREATE TABLE "outbox_mails" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outbox_mails" PRIMARY KEY,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "transport" TEXT NULL,
    "attempts" INTEGER NOT NULL,
    "last_error" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "sent_at" TEXT NULL
);

CREATE INDEX "ix_jobs_status_run_at" ON "jobs" ("status", "run_at");

CREATE INDEX "ix_outbox_mails_created_at" ON "outbox_mails" ("created_at");
