-- 0016 messaging and notifications: the per-user event stream, conversations and messages, the notification centre and its
-- preferences, session reminders, and the unsubscribe link of outgoing mail (ADRs 0028 and 0029).
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

ALTER TABLE "outbox_mails" ADD "list_unsubscribe" TEXT NULL;

CREATE TABLE "realtime_events" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_realtime_events" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_realtime_events_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "conversations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_conversations" PRIMARY KEY,
    "student_user_id" TEXT NOT NULL,
    "mentor_user_id" TEXT NOT NULL,
    "mentor_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_activity_at" TEXT NOT NULL,
    "blocked_at" TEXT NULL,
    CONSTRAINT "fk_conversations_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversations_users_mentor_user_id" FOREIGN KEY ("mentor_user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_conversations_users_student_user_id" FOREIGN KEY ("student_user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "messages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_messages" PRIMARY KEY,
    "conversation_id" TEXT NOT NULL,
    "sender_user_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sent_at" TEXT NOT NULL,
    "delivered_at" TEXT NULL,
    "read_at" TEXT NULL,
    "masked_kinds" TEXT NULL,
    "hidden_at" TEXT NULL,
    "hidden_by_user_id" TEXT NULL,
    CONSTRAINT "fk_messages_conversations_conversation_id" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_messages_users_sender_user_id" FOREIGN KEY ("sender_user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "message_attachments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_message_attachments" PRIMARY KEY,
    "conversation_id" TEXT NOT NULL,
    "uploader_user_id" TEXT NOT NULL,
    "message_id" TEXT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "uploaded_at" TEXT NOT NULL,
    CONSTRAINT "fk_message_attachments_conversations_conversation_id" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_message_attachments_messages_message_id" FOREIGN KEY ("message_id") REFERENCES "messages" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_message_attachments_users_uploader_user_id" FOREIGN KEY ("uploader_user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "message_reports" (
    "id" TEXT NOT NULL CONSTRAINT "pk_message_reports" PRIMARY KEY,
    "message_id" TEXT NOT NULL,
    "reporter_user_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "closed_at" TEXT NULL,
    "closed_by_user_id" TEXT NULL,
    "resolution" TEXT NULL,
    CONSTRAINT "fk_message_reports_messages_message_id" FOREIGN KEY ("message_id") REFERENCES "messages" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_message_reports_users_reporter_user_id" FOREIGN KEY ("reporter_user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "message_alerts" (
    "conversation_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "due_at" TEXT NOT NULL,
    CONSTRAINT "pk_message_alerts" PRIMARY KEY ("conversation_id", "user_id"),
    CONSTRAINT "fk_message_alerts_conversations_conversation_id" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_message_alerts_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "notifications" (
    "id" TEXT NOT NULL CONSTRAINT "pk_notifications" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    CONSTRAINT "fk_notifications_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "notification_preferences" (
    "user_id" TEXT NOT NULL CONSTRAINT "pk_notification_preferences" PRIMARY KEY,
    "email_bookings" INTEGER NOT NULL,
    "email_reminders" INTEGER NOT NULL,
    "email_messages" INTEGER NOT NULL,
    "email_reviews" INTEGER NOT NULL,
    "email_payouts" INTEGER NOT NULL,
    "in_app_bookings" INTEGER NOT NULL,
    "in_app_reminders" INTEGER NOT NULL,
    "in_app_messages" INTEGER NOT NULL,
    "in_app_reviews" INTEGER NOT NULL,
    "in_app_payouts" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_notification_preferences_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "session_reminders" (
    "id" TEXT NOT NULL CONSTRAINT "pk_session_reminders" PRIMARY KEY,
    "session_kind" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "recipient_user_id" TEXT NOT NULL,
    "offset_minutes" INTEGER NOT NULL,
    "session_start" TEXT NOT NULL,
    "due_at" TEXT NOT NULL,
    "with_name" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_session_reminders_users_recipient_user_id" FOREIGN KEY ("recipient_user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_realtime_events_created_at" ON "realtime_events" ("created_at");
CREATE INDEX "ix_realtime_events_user_id_id" ON "realtime_events" ("user_id", "id");
CREATE INDEX "ix_conversations_mentor_id" ON "conversations" ("mentor_id");
CREATE INDEX "ix_conversations_mentor_user_id" ON "conversations" ("mentor_user_id");
CREATE UNIQUE INDEX "ix_conversations_student_user_id_mentor_user_id" ON "conversations" ("student_user_id", "mentor_user_id");
CREATE INDEX "ix_messages_conversation_id_sent_at" ON "messages" ("conversation_id", "sent_at");
CREATE UNIQUE INDEX "ix_messages_sender_user_id_client_id" ON "messages" ("sender_user_id", "client_id");
CREATE INDEX "ix_messages_sender_user_id_sent_at" ON "messages" ("sender_user_id", "sent_at");
CREATE INDEX "ix_message_attachments_conversation_id" ON "message_attachments" ("conversation_id");
CREATE INDEX "ix_message_attachments_message_id" ON "message_attachments" ("message_id");
CREATE INDEX "ix_message_attachments_uploader_user_id" ON "message_attachments" ("uploader_user_id");
CREATE UNIQUE INDEX "ix_message_reports_message_id_reporter_user_id" ON "message_reports" ("message_id", "reporter_user_id");
CREATE INDEX "ix_message_reports_reporter_user_id" ON "message_reports" ("reporter_user_id");
CREATE INDEX "ix_message_reports_status_created_at" ON "message_reports" ("status", "created_at");
CREATE INDEX "ix_message_alerts_user_id" ON "message_alerts" ("user_id");
CREATE INDEX "ix_notifications_user_id_created_at" ON "notifications" ("user_id", "created_at");
CREATE INDEX "ix_notifications_user_id_read_at" ON "notifications" ("user_id", "read_at");
CREATE INDEX "ix_session_reminders_recipient_user_id" ON "session_reminders" ("recipient_user_id");
CREATE UNIQUE INDEX "ix_session_reminders_session_kind_session_id_offset_minutes_recipient_user_id" ON "session_reminders" ("session_kind", "session_id", "offset_minutes", "recipient_user_id");
