-- 0011 account protection (issue 16, docs/adr/0018-account-protection.md): lockout counters for emails that have no
-- account, so they lock exactly as real ones do; refresh tokens already exchanged, so a replay ends its session.
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE unknown_email_lockouts (
    email_hash character varying(64) NOT NULL,
    access_failed_count integer NOT NULL,
    lockout_end timestamp with time zone,
    last_failed_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_unknown_email_lockouts PRIMARY KEY (email_hash)
);

CREATE INDEX ix_unknown_email_lockouts_last_failed_at ON unknown_email_lockouts (last_failed_at);

CREATE TABLE retired_refresh_tokens (
    token_hash character varying(64) NOT NULL,
    session_id uuid NOT NULL,
    retired_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_retired_refresh_tokens PRIMARY KEY (token_hash),
    CONSTRAINT fk_retired_refresh_tokens_sessions_session_id FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
);

CREATE INDEX ix_retired_refresh_tokens_session_id ON retired_refresh_tokens (session_id);
