-- 0008 matching: students' favourite and hidden mentors, and their precomputed recommendations (ADR 0015).
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE mentor_preferences (
    student_user_id text NOT NULL,
    mentor_id uuid NOT NULL,
    is_favorite boolean NOT NULL,
    is_hidden boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_mentor_preferences PRIMARY KEY (student_user_id, mentor_id),
    CONSTRAINT fk_mentor_preferences_mentor_profiles_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_profiles (id) ON DELETE CASCADE,
    CONSTRAINT fk_mentor_preferences_users_student_user_id FOREIGN KEY (student_user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE recommendation_lists (
    student_user_id text NOT NULL,
    computed_at timestamp with time zone NOT NULL,
    weights_fingerprint character varying(64) NOT NULL,
    is_stale boolean NOT NULL,
    CONSTRAINT pk_recommendation_lists PRIMARY KEY (student_user_id),
    CONSTRAINT fk_recommendation_lists_users_student_user_id FOREIGN KEY (student_user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE recommendations (
    student_user_id text NOT NULL,
    mentor_id uuid NOT NULL,
    rank integer NOT NULL,
    score double precision NOT NULL,
    language_match double precision NOT NULL,
    academic_level double precision NOT NULL,
    field_expertise double precision NOT NULL,
    location_context double precision NOT NULL,
    career_goals double precision NOT NULL,
    rating double precision NOT NULL,
    availability double precision NOT NULL,
    experience double precision NOT NULL,
    matched_subjects text[] NOT NULL,
    matched_goals text[] NOT NULL,
    CONSTRAINT pk_recommendations PRIMARY KEY (student_user_id, mentor_id),
    CONSTRAINT fk_recommendations_mentor_profiles_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_profiles (id) ON DELETE CASCADE,
    CONSTRAINT fk_recommendations_recommendation_lists_student_user_id FOREIGN KEY (student_user_id) REFERENCES recommendation_lists (student_user_id) ON DELETE CASCADE
);

CREATE INDEX ix_mentor_preferences_mentor_id ON mentor_preferences (mentor_id);
CREATE INDEX ix_recommendations_mentor_id ON recommendations (mentor_id);
