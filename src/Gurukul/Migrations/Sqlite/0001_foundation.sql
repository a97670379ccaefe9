-- 0001 foundation: identity (users, roles), reference data (languages, subjects), mentor profiles.
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "languages" (
    "code" TEXT NOT NULL CONSTRAINT "pk_languages" PRIMARY KEY,
    "english_name" TEXT NOT NULL,
    "native_name" TEXT NOT NULL,
    "scheduled" INTEGER NOT NULL
);

CREATE TABLE "roles" (
    "id" TEXT NOT NULL CONSTRAINT "pk_roles" PRIMARY KEY,
    "name" TEXT NULL,
    "normalized_name" TEXT NULL,
    "concurrency_stamp" TEXT NULL
);

CREATE TABLE "subject_categories" (
    "slug" TEXT NOT NULL CONSTRAINT "pk_subject_categories" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL
);

CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_users" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL
);

CREATE TABLE "role_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_role_claims" PRIMARY KEY AUTOINCREMENT,
    "role_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_role_claims_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE
);

CREATE TABLE "subjects" (
    "slug" TEXT NOT NULL CONSTRAINT "pk_subjects" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "category_slug" TEXT NOT NULL,
    CONSTRAINT "fk_subjects_subject_categories_category_slug" FOREIGN KEY ("category_slug") REFERENCES "subject_categories" ("slug") ON DELETE RESTRICT
);

CREATE TABLE "mentor_profiles" (
    "id" TEXT NOT NULL CONSTRAINT "pk_mentor_profiles" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "headline" TEXT NOT NULL,
    "bio" TEXT NOT NULL,
    "company" TEXT NULL,
    "university" TEXT NULL,
    "experience_years" INTEGER NOT NULL,
    "expertise_areas" TEXT NOT NULL,
    "student_levels_served" INTEGER NOT NULL,
    "primary_language" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "city" TEXT NULL,
    "state" TEXT NULL,
    "country" TEXT NOT NULL,
    "verification_status" TEXT NOT NULL,
    "is_active" INTEGER NOT NULL,
    "rating_average" TEXT NOT NULL,
    "rating_count" INTEGER NOT NULL,
    "sessions_completed" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "hourly_rate_amount_minor" INTEGER NOT NULL,
    "hourly_rate_currency" TEXT NOT NULL,
    CONSTRAINT "fk_mentor_profiles_languages_primary_language" FOREIGN KEY ("primary_language") REFERENCES "languages" ("code") ON DELETE RESTRICT,
    CONSTRAINT "fk_mentor_profiles_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_user_claims" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_user_claims_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_logins" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_user_logins_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_roles" (
    "user_id" TEXT NOT NULL,
    "role_id" TEXT NOT NULL,
    CONSTRAINT "pk_user_roles" PRIMARY KEY ("user_id", "role_id"),
    CONSTRAINT "fk_user_roles_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_user_roles_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_tokens" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_user_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "mentor_languages" (
    "mentor_id" TEXT NOT NULL,
    "language_code" TEXT NOT NULL,
    CONSTRAINT "pk_mentor_languages" PRIMARY KEY ("mentor_id", "language_code"),
    CONSTRAINT "fk_mentor_languages_languages_language_code" FOREIGN KEY ("language_code") REFERENCES "languages" ("code") ON DELETE RESTRICT,
    CONSTRAINT "fk_mentor_languages_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE
);

CREATE TABLE "mentor_subjects" (
    "mentor_id" TEXT NOT NULL,
    "subject_slug" TEXT NOT NULL,
    CONSTRAINT "pk_mentor_subjects" PRIMARY KEY ("mentor_id", "subject_slug"),
    CONSTRAINT "fk_mentor_subjects_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_mentor_subjects_subjects_subject_slug" FOREIGN KEY ("subject_slug") REFERENCES "subjects" ("slug") ON DELETE RESTRICT
);

CREATE INDEX "ix_mentor_languages_language_code" ON "mentor_languages" ("language_code");

CREATE INDEX "ix_mentor_profiles_primary_language" ON "mentor_profiles" ("primary_language");

CREATE UNIQUE INDEX "ix_mentor_profiles_slug" ON "mentor_profiles" ("slug");

CREATE UNIQUE INDEX "ix_mentor_profiles_user_id" ON "mentor_profiles" ("user_id");

CREATE INDEX "ix_mentor_profiles_verification_status_is_active" ON "mentor_profiles" ("verification_status", "is_active");

CREATE INDEX "ix_mentor_subjects_subject_slug" ON "mentor_subjects" ("subject_slug");

CREATE INDEX "ix_role_claims_role_id" ON "role_claims" ("role_id");

CREATE UNIQUE INDEX "role_name_index" ON "roles" ("normalized_name");

CREATE INDEX "ix_subjects_category_slug" ON "subjects" ("category_slug");

CREATE INDEX "ix_user_claims_user_id" ON "user_claims" ("user_id");

CREATE INDEX "ix_user_logins_user_id" ON "user_logins" ("user_id");

CREATE INDEX "ix_user_roles_role_id" ON "user_roles" ("role_id");

CREATE UNIQUE INDEX "email_index" ON "users" ("normalized_email");

CREATE UNIQUE INDEX "user_name_index" ON "users" ("normalized_user_name");

