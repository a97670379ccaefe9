-- 0005 student profiles: academic level with school or college details, languages, goals, location.
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "student_profiles" (
    "id" TEXT NOT NULL CONSTRAINT "pk_student_profiles" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "academic_level" TEXT NOT NULL,
    "school_name" TEXT NULL,
    "board" TEXT NULL,
    "class_grade" INTEGER NULL,
    "stream" TEXT NULL,
    "subjects" TEXT NOT NULL,
    "university_name" TEXT NULL,
    "degree_type" TEXT NULL,
    "major" TEXT NULL,
    "minor" TEXT NULL,
    "semester" INTEGER NULL,
    "cgpa" TEXT NULL,
    "primary_language" TEXT NOT NULL,
    "languages_spoken" TEXT NOT NULL,
    "field_of_study" TEXT NOT NULL,
    "career_goals" TEXT NOT NULL,
    "interests" TEXT NOT NULL,
    "challenges" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_student_profiles_languages_primary_language" FOREIGN KEY ("primary_language") REFERENCES "languages" ("code") ON DELETE RESTRICT,
    CONSTRAINT "fk_student_profiles_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_student_profiles_primary_language" ON "student_profiles" ("primary_language");

CREATE UNIQUE INDEX "ix_student_profiles_user_id" ON "student_profiles" ("user_id");
