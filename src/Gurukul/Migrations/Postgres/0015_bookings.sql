-- 0015 bookings: the booking and its reschedules, the database's refusal of two overlapping bookings of a mentor, and the
-- triggers that tell every node's availability index when a booking takes or frees a mentor's time (docs/adr/0026, 0021).
-- Tables hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

-- btree_gist lets one exclusion constraint compare a uuid with = and a range with &&. It is a trusted extension (PostgreSQL 13
-- and later): the owner of the database, or any role with CREATE on it, may create it without being superuser. Where the app's
-- role has neither, a DBA runs this line once beforehand; IF NOT EXISTS then passes without asking for privileges.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE bookings (
    id uuid NOT NULL,
    mentor_id uuid NOT NULL,
    mentor_user_id text NOT NULL,
    student_id text NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    duration_minutes integer NOT NULL,
    buffer_minutes integer NOT NULL,
    blocks_until timestamp with time zone NOT NULL,
    session_type character varying(30) NOT NULL,
    session_language character varying(8) NOT NULL,
    status character varying(20) NOT NULL,
    coupon_code character varying(40),
    hold_expires_at timestamp with time zone NOT NULL,
    payment_id uuid,
    purpose character varying(1000) NOT NULL,
    questions text[] NOT NULL,
    challenges character varying(2000),
    expected_outcome character varying(2000),
    cancelled_by character varying(10),
    cancelled_at timestamp with time zone,
    cancellation_reason character varying(500),
    cancellation_refund_minor bigint,
    outcome character varying(20),
    outcome_at timestamp with time zone,
    disputed_at timestamp with time zone,
    dispute_reason character varying(2000),
    resolved_at timestamp with time zone,
    resolution_note character varying(2000),
    resolution_refund_minor bigint,
    sequence integer NOT NULL,
    version integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    price_amount_minor bigint NOT NULL,
    price_currency character varying(3) NOT NULL,
    CONSTRAINT pk_bookings PRIMARY KEY (id),
    CONSTRAINT ck_bookings_times CHECK (starts_at < ends_at AND ends_at <= blocks_until),
    CONSTRAINT fk_bookings_mentor_profiles_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_profiles (id) ON DELETE RESTRICT,
    CONSTRAINT fk_bookings_users_mentor_user_id FOREIGN KEY (mentor_user_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_bookings_users_student_id FOREIGN KEY (student_id) REFERENCES users (id) ON DELETE RESTRICT
);

CREATE TABLE booking_reschedules (
    id uuid NOT NULL,
    booking_id uuid NOT NULL,
    from_starts_at timestamp with time zone NOT NULL,
    to_starts_at timestamp with time zone NOT NULL,
    moved_by character varying(10) NOT NULL,
    moved_by_user_id character varying(64) NOT NULL,
    at timestamp with time zone NOT NULL,
    CONSTRAINT pk_booking_reschedules PRIMARY KEY (id),
    CONSTRAINT fk_booking_reschedules_bookings_booking_id FOREIGN KEY (booking_id) REFERENCES bookings (id) ON DELETE CASCADE
);

CREATE INDEX ix_booking_reschedules_booking_id_at ON booking_reschedules (booking_id, at);

CREATE INDEX ix_bookings_mentor_id_starts_at ON bookings (mentor_id, starts_at);

CREATE INDEX ix_bookings_mentor_user_id_starts_at ON bookings (mentor_user_id, starts_at);

CREATE INDEX ix_bookings_status_disputed_at ON bookings (status, disputed_at);

CREATE INDEX ix_bookings_student_id_starts_at ON bookings (student_id, starts_at);

-- No double booking, decided by the database (ADR 0026): a pending or confirmed booking occupies [starts_at, blocks_until) of its
-- mentor's time (blocks_until = the end plus the buffer the booking was made with), and no two such rows of one mentor may
-- overlap. A hold that lapsed stays in this set until it is marked expired: the expiry job does that on time, and a booking that
-- wants the time first expires lapsed holds in its own transaction. Touching ranges ('[)') do not overlap.
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
    EXCLUDE USING gist (mentor_id WITH =, tstzrange(starts_at, blocks_until, '[)') WITH &&)
    WHERE (status IN ('pending_payment', 'confirmed'));

-- The availability clock of 0012 moves when a booking takes time (inserted) or frees it (cancelled, expired, moved): a
-- confirmation or an outcome changes nothing the slot engine sees, so it leaves the clock (and its row lock) alone.
CREATE FUNCTION bookings_availability_touched() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mentors uuid[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.mentor_id) INTO mentors FROM new_rows AS n;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(o.mentor_id) INTO mentors FROM old_rows AS o;
    ELSE
        SELECT array_agg(n.mentor_id) INTO mentors FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id
        WHERE (o.status IN ('cancelled', 'expired')) <> (n.status IN ('cancelled', 'expired'))
           OR o.starts_at <> n.starts_at OR o.blocks_until <> n.blocks_until;
    END IF;

    IF mentors IS NOT NULL THEN
        PERFORM mentor_availability_tick(mentors);
    END IF;

    RETURN NULL;
END
$$;

CREATE TRIGGER bookings_availability_insert AFTER INSERT ON bookings
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_availability_touched();
CREATE TRIGGER bookings_availability_update AFTER UPDATE ON bookings
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_availability_touched();
CREATE TRIGGER bookings_availability_delete AFTER DELETE ON bookings
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bookings_availability_touched();
