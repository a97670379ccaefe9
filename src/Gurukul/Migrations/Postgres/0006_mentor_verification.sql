-- 0006 mentor verification: documents, the workflow's history, slug redirects, school boards, photos, onboarding drafts.
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

ALTER TABLE users ADD photo_key character varying(512);
ALTER TABLE mentor_profiles ADD submitted_at timestamp with time zone;

CREATE TABLE boards (
    code character varying(40) NOT NULL,
    name character varying(160) NOT NULL,
    state character varying(80),
    sort_order integer NOT NULL,
    CONSTRAINT pk_boards PRIMARY KEY (code)
);

CREATE TABLE onboarding_drafts (
    user_id text NOT NULL,
    step integer NOT NULL,
    data character varying(20000) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_onboarding_drafts PRIMARY KEY (user_id),
    CONSTRAINT fk_onboarding_drafts_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE mentor_documents (
    id uuid NOT NULL,
    mentor_id uuid NOT NULL,
    kind character varying(40) NOT NULL,
    file_name character varying(255) NOT NULL,
    content_type character varying(100) NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 character varying(64) NOT NULL,
    storage_key character varying(512) NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_mentor_documents PRIMARY KEY (id),
    CONSTRAINT fk_mentor_documents_mentor_profiles_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_profiles (id) ON DELETE CASCADE
);

CREATE TABLE mentor_slug_redirects (
    slug character varying(120) NOT NULL,
    mentor_id uuid NOT NULL,
    retired_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_mentor_slug_redirects PRIMARY KEY (slug),
    CONSTRAINT fk_mentor_slug_redirects_mentor_profiles_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_profiles (id) ON DELETE CASCADE
);

CREATE TABLE verification_events (
    id uuid NOT NULL,
    mentor_id uuid NOT NULL,
    from_status character varying(40) NOT NULL,
    to_status character varying(40) NOT NULL,
    notes character varying(2000),
    actor_user_id text,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_verification_events PRIMARY KEY (id),
    CONSTRAINT fk_verification_events_mentor_profiles_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_profiles (id) ON DELETE CASCADE,
    CONSTRAINT fk_verification_events_users_actor_user_id FOREIGN KEY (actor_user_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_mentor_documents_mentor_id_uploaded_at ON mentor_documents (mentor_id, uploaded_at);
CREATE INDEX ix_mentor_profiles_verification_status_submitted_at ON mentor_profiles (verification_status, submitted_at);
CREATE INDEX ix_mentor_slug_redirects_mentor_id ON mentor_slug_redirects (mentor_id);
CREATE INDEX ix_verification_events_actor_user_id ON verification_events (actor_user_id);
CREATE INDEX ix_verification_events_mentor_id_at ON verification_events (mentor_id, at);
