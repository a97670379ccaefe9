-- 0008 matching: students' favourite and hidden mentors, and their precomputed recommendations (ADR 0015).
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "mentor_preferences" (
    "student_user_id" TEXT NOT NULL,
    "mentor_id" TEXT NOT NULL,
    "is_favorite" INTEGER NOT NULL,
    "is_hidden" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "pk_mentor_preferences" PRIMARY KEY ("student_user_id", "mentor_id"),
    CONSTRAINT "fk_mentor_preferences_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_mentor_preferences_users_student_user_id" FOREIGN KEY ("student_user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "recommendation_lists" (
    "student_user_id" TEXT NOT NULL CONSTRAINT "pk_recommendation_lists" PRIMARY KEY,
    "computed_at" TEXT NOT NULL,
    "weights_fingerprint" TEXT NOT NULL,
    "is_stale" INTEGER NOT NULL,
    CONSTRAINT "fk_recommendation_lists_users_student_user_id" FOREIGN KEY ("student_user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "recommendations" (
    "student_user_id" TEXT NOT NULL,
    "mentor_id" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "language_match" REAL NOT NULL,
    "academic_level" REAL NOT NULL,
    "field_expertise" REAL NOT NULL,
    "location_context" REAL NOT NULL,
    "career_goals" REAL NOT NULL,
    "rating" REAL NOT NULL,
    "availability" REAL NOT NULL,
    "experience" REAL NOT NULL,
    "matched_subjects" TEXT NOT NULL,
    "matched_goals" TEXT NOT NULL,
    CONSTRAINT "pk_recommendations" PRIMARY KEY ("student_user_id", "mentor_id"),
    CONSTRAINT "fk_recommendations_mentor_profiles_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_recommendations_recommendation_lists_student_user_id" FOREIGN KEY ("student_user_id") REFERENCES "recommendation_lists" ("student_user_id") ON DELETE CASCADE
);

CREATE INDEX "ix_mentor_preferences_mentor_id" ON "mentor_preferences" ("mentor_id");
CREATE INDEX "ix_recommendations_mentor_id" ON "recommendations" ("mentor_id");
