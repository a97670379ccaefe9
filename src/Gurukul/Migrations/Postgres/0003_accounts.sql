-- 0003 accounts: date of birth and guardian consent on users, sessions (cookie and bearer), audit events.
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

ALTER TABLE users ADD COLUMN date_of_birth date;
ALTER TABLE users ADD COLUMN guardian_email character varying(256);
ALTER TABLE users ADD COLUMN guardian_consent character varying(20) NOT NULL DEFAULT 'not_required';
ALTER TABLE users ADD COLUMN guardian_decided_at timestamp with time zone;
ALTER TABLE users ADD COLUMN suspended_at timestamp with time zone;

CREATE TABLE audit_events (
    id uuid NOT NULL,
    at timestamp with time zone NOT NULL,
    action character varying(40) NOT NULL,
    actor_user_id character varying(64),
    subject_user_id character varying(64),
    detail character varying(500),
    ip_address character varying(64),
    user_agent character varying(300),
    CONSTRAINT pk_audit_events PRIMARY KEY (id)
);

CREATE TABLE sessions (
    id uuid NOT NULL,
    user_id text NOT NULL,
    kind character varying(10) NOT NULL,
    access_token_hash character varying(64),
    refresh_token_hash character varying(64),
    security_stamp character varying(256) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    refresh_expires_at timestamp with time zone,
    revoked_at timestamp with time zone,
    ip_address character varying(64),
    user_agent character varying(300),
    CONSTRAINT pk_sessions PRIMARY KEY (id),
    CONSTRAINT fk_sessions_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_audit_events_action_at ON audit_events (action, at);

CREATE INDEX ix_audit_events_at ON audit_events (at);

CREATE INDEX ix_audit_events_subject_user_id_at ON audit_events (subject_user_id, at);

CREATE UNIQUE INDEX ix_sessions_access_token_hash ON sessions (access_token_hash);

CREATE UNIQUE INDEX ix_sessions_refresh_token_hash ON sessions (refresh_token_hash);

CREATE INDEX ix_sessions_user_id ON sessions (user_id);
