-- 0002 jobs and mail: the durable job queue and the mail outbox (docs/adr/0006-jobs-and-mail-outbox.md).
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE jobs (
    id uuid NOT NULL,
    kind character varying(100) NOT NULL,
    payload text NOT NULL,
    run_at timestamp with time zone NOT NULL,
    status character varying(20) NOT NULL,
    attempts integer NOT NULL,
    max_attempts integer NOT NULL,
    locked_by character varying(200),
    locked_until timestamp with time zone,
    last_error character varying(2000),
    created_at timestamp with time zone NOT NULL,
    completed_at timestamp with time zone,
    CONSTRAINT pk_jobs PRIMARY KEY (id)
);

CREATE TABLE outbox_mails (
    id uuid NOT NULL,
    to_address character varying(320) NOT NULL,
    subject character varying(400) NOT NULL,
    text_body text NOT NULL,
    html_body text,
    kind character varying(100) NOT NULL,
    status character varying(20) NOT NULL,
    transport character varying(20),
    attempts integer NOT NULL,
    last_error character varying(2000),
    created_at timestamp with time zone NOT NULL,
    sent_at timestamp with time zone,
    CONSTRAINT pk_outbox_mails PRIMARY KEY (id)
);

CREATE INDEX ix_jobs_status_run_at ON jobs (status, run_at);

CREATE INDEX ix_outbox_mails_created_at ON outbox_mails (created_at);
