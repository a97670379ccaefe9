-- 0005 student profiles: academic level with school or college details, languages, goals, location.
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE student_profiles (
    id uuid NOT NULL,
    user_id text NOT NULL,
    academic_level character varying(10) NOT NULL,
    school_name character varying(160),
    board character varying(80),
    class_grade integer,
    stream character varying(80),
    subjects text[] NOT NULL,
    university_name character varying(160),
    degree_type character varying(80),
    major character varying(120),
    minor character varying(120),
    semester integer,
    cgpa numeric(4,2),
    primary_language character varying(8) NOT NULL,
    languages_spoken text[] NOT NULL,
    field_of_study character varying(120) NOT NULL,
    career_goals text[] NOT NULL,
    interests text[] NOT NULL,
    challenges text[] NOT NULL,
    city character varying(80) NOT NULL,
    state character varying(80) NOT NULL,
    country character varying(2) NOT NULL,
    time_zone character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_student_profiles PRIMARY KEY (id),
    CONSTRAINT fk_student_profiles_languages_primary_language FOREIGN KEY (primary_language) REFERENCES languages (code) ON DELETE RESTRICT,
    CONSTRAINT fk_student_profiles_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_student_profiles_primary_language ON student_profiles (primary_language);

CREATE UNIQUE INDEX ix_student_profiles_user_id ON student_profiles (user_id);
