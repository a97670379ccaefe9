-- 0017 payouts and the wallet: payout methods (encrypted), weekly payouts and their runs, payout provider events (ADR 0030);
-- wallet credit grants, referral codes and referrals, and the credit part of payments and refunds (ADR 0031).
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE payout_methods (
    mentor_id text NOT NULL,
    kind character varying(10) NOT NULL,
    protected_details character varying(4000) NOT NULL,
    masked character varying(300) NOT NULL,
    provider_contact_id character varying(100),
    provider_fund_account_id character varying(100),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    version integer NOT NULL,
    CONSTRAINT pk_payout_methods PRIMARY KEY (mentor_id),
    CONSTRAINT fk_payout_methods_users_mentor_id FOREIGN KEY (mentor_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE payouts (
    id uuid NOT NULL,
    mentor_id text NOT NULL,
    period_end date NOT NULL,
    amount_minor bigint NOT NULL,
    currency character varying(3) NOT NULL,
    status character varying(10) NOT NULL,
    provider character varying(20) NOT NULL,
    method_kind character varying(10) NOT NULL,
    method_masked character varying(300) NOT NULL,
    attempt integer NOT NULL,
    provider_payout_id character varying(100),
    reference character varying(100),
    failure_reason character varying(500),
    created_at timestamp with time zone NOT NULL,
    submitted_at timestamp with time zone,
    paid_at timestamp with time zone,
    failed_at timestamp with time zone,
    version integer NOT NULL,
    CONSTRAINT pk_payouts PRIMARY KEY (id),
    CONSTRAINT fk_payouts_users_mentor_id FOREIGN KEY (mentor_id) REFERENCES users (id) ON DELETE RESTRICT
);

CREATE TABLE payout_runs (
    period_end date NOT NULL,
    started_at timestamp with time zone NOT NULL,
    completed_at timestamp with time zone,
    created integer NOT NULL,
    total_minor bigint NOT NULL,
    CONSTRAINT pk_payout_runs PRIMARY KEY (period_end)
);

CREATE TABLE payout_webhook_events (
    provider character varying(20) NOT NULL,
    event_id character varying(200) NOT NULL,
    type character varying(60) NOT NULL,
    payout_id uuid,
    received_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_payout_webhook_events PRIMARY KEY (provider, event_id)
);

CREATE TABLE credit_lots (
    id uuid NOT NULL,
    owner_id text NOT NULL,
    source character varying(20) NOT NULL,
    amount_minor bigint NOT NULL,
    remaining_minor bigint NOT NULL,
    currency character varying(3) NOT NULL,
    reference character varying(200) NOT NULL,
    granted_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    warned_at timestamp with time zone,
    expired_at timestamp with time zone,
    version integer NOT NULL,
    CONSTRAINT pk_credit_lots PRIMARY KEY (id),
    CONSTRAINT ck_credit_lots_remaining CHECK (remaining_minor >= 0 AND remaining_minor <= amount_minor),
    CONSTRAINT fk_credit_lots_users_owner_id FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE RESTRICT
);

CREATE TABLE referral_codes (
    user_id text NOT NULL,
    code character varying(20) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_referral_codes PRIMARY KEY (user_id),
    CONSTRAINT fk_referral_codes_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE referrals (
    referred_id text NOT NULL,
    referrer_id text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    status character varying(20) NOT NULL,
    decided_at timestamp with time zone,
    note character varying(200),
    reward_key character varying(64),
    CONSTRAINT pk_referrals PRIMARY KEY (referred_id),
    CONSTRAINT fk_referrals_users_referred_id FOREIGN KEY (referred_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT fk_referrals_users_referrer_id FOREIGN KEY (referrer_id) REFERENCES users (id) ON DELETE RESTRICT
);

ALTER TABLE payments ADD COLUMN credits_minor bigint NOT NULL DEFAULT 0;
ALTER TABLE payments ADD COLUMN credits_expire_at timestamp with time zone;
ALTER TABLE payments ADD COLUMN credits_returned boolean NOT NULL DEFAULT FALSE;
ALTER TABLE payments ADD COLUMN refunded_credits_minor bigint NOT NULL DEFAULT 0;
ALTER TABLE payment_refunds ADD COLUMN to_credits boolean NOT NULL DEFAULT FALSE;

CREATE INDEX ix_credit_lots_expired_at_expires_at ON credit_lots (expired_at, expires_at);

CREATE INDEX ix_credit_lots_owner_id_expires_at ON credit_lots (owner_id, expires_at);

CREATE UNIQUE INDEX ix_credit_lots_reference ON credit_lots (reference);

CREATE INDEX ix_payouts_created_at ON payouts (created_at);

CREATE UNIQUE INDEX ix_payouts_mentor_id_period_end ON payouts (mentor_id, period_end);

CREATE INDEX ix_payouts_provider_payout_id ON payouts (provider_payout_id);

CREATE INDEX ix_payouts_status_submitted_at ON payouts (status, submitted_at);

CREATE UNIQUE INDEX ix_referral_codes_code ON referral_codes (code);

CREATE INDEX ix_referrals_referrer_id_status ON referrals (referrer_id, status);

CREATE UNIQUE INDEX ix_referrals_reward_key ON referrals (reward_key);
