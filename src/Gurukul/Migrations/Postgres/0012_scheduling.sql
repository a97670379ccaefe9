-- 0012 scheduling: mentors' availability (weekly hours, date overrides, booking rules), calendar feeds, and the
-- availability clock that keeps each node's availability index current (docs/adr/0020 and 0021).
-- Tables hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE mentor_availability (
    mentor_id uuid NOT NULL,
    time_zone character varying(64) NOT NULL,
    durations integer[] NOT NULL,
    buffer_minutes integer NOT NULL,
    min_notice_minutes integer NOT NULL,
    max_sessions_per_day integer,
    horizon_days integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_mentor_availability PRIMARY KEY (mentor_id),
    CONSTRAINT fk_mentor_availability_mentor_profiles_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_profiles (id) ON DELETE CASCADE
);

CREATE TABLE mentor_weekly_hours (
    mentor_id uuid NOT NULL,
    day integer NOT NULL,
    start_minute integer NOT NULL,
    end_minute integer NOT NULL,
    CONSTRAINT pk_mentor_weekly_hours PRIMARY KEY (mentor_id, day, start_minute),
    CONSTRAINT fk_mentor_weekly_hours_mentor_availability_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_availability (mentor_id) ON DELETE CASCADE
);

CREATE TABLE mentor_date_overrides (
    mentor_id uuid NOT NULL,
    date date NOT NULL,
    CONSTRAINT pk_mentor_date_overrides PRIMARY KEY (mentor_id, date),
    CONSTRAINT fk_mentor_date_overrides_mentor_availability_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_availability (mentor_id) ON DELETE CASCADE
);

CREATE TABLE mentor_override_hours (
    mentor_id uuid NOT NULL,
    date date NOT NULL,
    start_minute integer NOT NULL,
    end_minute integer NOT NULL,
    CONSTRAINT pk_mentor_override_hours PRIMARY KEY (mentor_id, date, start_minute),
    CONSTRAINT fk_mentor_override_hours_mentor_date_overrides_mentor_id_date FOREIGN KEY (mentor_id, date) REFERENCES mentor_date_overrides (mentor_id, date) ON DELETE CASCADE
);

CREATE TABLE calendar_feeds (
    user_id text NOT NULL,
    token_hash bytea NOT NULL,
    protected_token character varying(400) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_calendar_feeds PRIMARY KEY (user_id),
    CONSTRAINT fk_calendar_feeds_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_calendar_feeds_token_hash ON calendar_feeds (token_hash);

-- The availability clock, outside the EF model, on the model of the search clock (0009): every write that changes which
-- slots a mentor offers moves it and records the mentor, so each node's availability index reloads just those mentors.
-- Bookings and holds will move it too (the booking feature adds triggers on its tables that call mentor_availability_tick
-- or reuse mentor_availability_touched(): docs/adr/0021).
CREATE TABLE mentor_availability_clock (
    id integer NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_mentor_availability_clock PRIMARY KEY (id),
    CONSTRAINT ck_mentor_availability_clock_one_row CHECK (id = 1)
);

INSERT INTO mentor_availability_clock (id, version) VALUES (1, 0);

-- The version at which each mentor's availability last changed. No foreign key: deletions are recorded too.
CREATE TABLE mentor_availability_changes (
    mentor_id uuid NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_mentor_availability_changes PRIMARY KEY (mentor_id)
);

CREATE INDEX ix_mentor_availability_changes_version ON mentor_availability_changes (version);

-- The clock row's lock hands out versions in commit order (as 0009's does). Mentors in id order, so two writers never
-- lock the same change rows in opposite orders.
CREATE FUNCTION mentor_availability_tick(mentors uuid[]) RETURNS void LANGUAGE sql AS $$
    WITH tick AS (
        UPDATE mentor_availability_clock SET version = version + 1 WHERE id = 1 RETURNING version)
    INSERT INTO mentor_availability_changes (mentor_id, version)
    SELECT DISTINCT m.id, tick.version FROM tick CROSS JOIN unnest(mentors) AS m (id)
    ORDER BY 1
    ON CONFLICT (mentor_id) DO UPDATE SET version = excluded.version;
$$;

-- Statement-level with transition tables (a bulk load moves the clock once); any table with a mentor_id column can use it.
CREATE FUNCTION mentor_availability_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM mentor_availability_tick(ARRAY(SELECT c.mentor_id FROM changed AS c));
    RETURN NULL;
END
$$;

CREATE TRIGGER mentor_availability_clock_insert AFTER INSERT ON mentor_availability
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();
CREATE TRIGGER mentor_availability_clock_update AFTER UPDATE ON mentor_availability
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();
CREATE TRIGGER mentor_availability_clock_delete AFTER DELETE ON mentor_availability
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();

CREATE TRIGGER mentor_availability_clock_weekly_insert AFTER INSERT ON mentor_weekly_hours
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();
CREATE TRIGGER mentor_availability_clock_weekly_update AFTER UPDATE ON mentor_weekly_hours
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();
CREATE TRIGGER mentor_availability_clock_weekly_delete AFTER DELETE ON mentor_weekly_hours
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();

CREATE TRIGGER mentor_availability_clock_override_insert AFTER INSERT ON mentor_date_overrides
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();
CREATE TRIGGER mentor_availability_clock_override_update AFTER UPDATE ON mentor_date_overrides
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();
CREATE TRIGGER mentor_availability_clock_override_delete AFTER DELETE ON mentor_date_overrides
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();

CREATE TRIGGER mentor_availability_clock_override_hours_insert AFTER INSERT ON mentor_override_hours
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();
CREATE TRIGGER mentor_availability_clock_override_hours_update AFTER UPDATE ON mentor_override_hours
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();
CREATE TRIGGER mentor_availability_clock_override_hours_delete AFTER DELETE ON mentor_override_hours
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mentor_availability_touched();
