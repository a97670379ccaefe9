-- 0014 payments: idempotency keys, the double-entry ledger, payments, refunds, provider events, coupons, invoice numbers
-- (ADR 0024, ADR 0025). Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE coupons (
    id uuid NOT NULL,
    code character varying(40) NOT NULL,
    percent_off integer,
    amount_off_minor bigint,
    amount_off_currency character varying(3),
    max_redemptions integer,
    uses integer NOT NULL,
    valid_until timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    created_by character varying(100) NOT NULL,
    CONSTRAINT pk_coupons PRIMARY KEY (id),
    CONSTRAINT ck_coupons_one_discount CHECK ((percent_off IS NULL) <> (amount_off_minor IS NULL)),
    CONSTRAINT ck_coupons_uses_within_limit CHECK (uses >= 0 AND (max_redemptions IS NULL OR uses <= max_redemptions))
);

CREATE TABLE invoice_series (
    financial_year character varying(7) NOT NULL,
    last_number integer NOT NULL,
    CONSTRAINT pk_invoice_series PRIMARY KEY (financial_year)
);

CREATE TABLE ledger_transactions (
    id uuid NOT NULL,
    reference character varying(200) NOT NULL,
    kind character varying(40) NOT NULL,
    purchase_id character varying(100),
    occurred_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_ledger_transactions PRIMARY KEY (id)
);

CREATE TABLE payment_webhook_events (
    provider character varying(20) NOT NULL,
    event_id character varying(200) NOT NULL,
    type character varying(60) NOT NULL,
    payment_id uuid,
    received_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_payment_webhook_events PRIMARY KEY (provider, event_id)
);

CREATE TABLE ledger_entries (
    id uuid NOT NULL,
    transaction_id uuid NOT NULL,
    account character varying(40) NOT NULL,
    party_id character varying(100),
    purchase_id character varying(100),
    amount_minor bigint NOT NULL,
    currency character varying(3) NOT NULL,
    CONSTRAINT pk_ledger_entries PRIMARY KEY (id),
    CONSTRAINT fk_ledger_entries_ledger_transactions_transaction_id FOREIGN KEY (transaction_id) REFERENCES ledger_transactions (id) ON DELETE RESTRICT
);

CREATE TABLE idempotency_keys (
    id uuid NOT NULL,
    user_id text NOT NULL,
    key character varying(255) NOT NULL,
    request_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    locked_until timestamp with time zone NOT NULL,
    completed_at timestamp with time zone,
    response_status integer,
    response_content_type character varying(200),
    response_location character varying(2000),
    response_body bytea,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (id),
    CONSTRAINT fk_idempotency_keys_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE payments (
    id uuid NOT NULL,
    purchase_kind character varying(40) NOT NULL,
    purchase_id character varying(100) NOT NULL,
    payer_id text NOT NULL,
    payee_id text NOT NULL,
    description character varying(200) NOT NULL,
    coupon_id uuid,
    provider character varying(20) NOT NULL,
    provider_order_id character varying(200),
    provider_payment_id character varying(200),
    checkout_url character varying(2000),
    return_path character varying(500) NOT NULL,
    status character varying(20) NOT NULL,
    failure_reason character varying(500),
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    succeeded_at timestamp with time zone,
    failed_at timestamp with time zone,
    refunded_minor bigint NOT NULL,
    fee_minor bigint NOT NULL,
    invoice_number character varying(16),
    invoiced_at timestamp with time zone,
    completed_at timestamp with time zone,
    release_at timestamp with time zone,
    released_at timestamp with time zone,
    disputed boolean NOT NULL,
    released_to_mentor_minor bigint NOT NULL,
    released_to_platform_minor bigint NOT NULL,
    reversed_from_mentor_minor bigint NOT NULL,
    reversed_from_platform_minor bigint NOT NULL,
    version integer NOT NULL,
    amount_amount_minor bigint NOT NULL,
    amount_currency character varying(3) NOT NULL,
    list_price_amount_minor bigint NOT NULL,
    list_price_currency character varying(3) NOT NULL,
    CONSTRAINT pk_payments PRIMARY KEY (id),
    CONSTRAINT fk_payments_coupons_coupon_id FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE RESTRICT,
    CONSTRAINT fk_payments_users_payee_id FOREIGN KEY (payee_id) REFERENCES users (id) ON DELETE RESTRICT,
    CONSTRAINT fk_payments_users_payer_id FOREIGN KEY (payer_id) REFERENCES users (id) ON DELETE RESTRICT
);

CREATE TABLE coupon_redemptions (
    payment_id uuid NOT NULL,
    coupon_id uuid NOT NULL,
    status character varying(20) NOT NULL,
    reserved_at timestamp with time zone NOT NULL,
    settled_at timestamp with time zone,
    CONSTRAINT pk_coupon_redemptions PRIMARY KEY (payment_id),
    CONSTRAINT fk_coupon_redemptions_coupons_coupon_id FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE RESTRICT,
    CONSTRAINT fk_coupon_redemptions_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE CASCADE
);

CREATE TABLE payment_refunds (
    id uuid NOT NULL,
    payment_id uuid NOT NULL,
    key character varying(255) NOT NULL,
    amount_minor bigint NOT NULL,
    currency character varying(3) NOT NULL,
    reason character varying(500) NOT NULL,
    from_escrow_minor bigint NOT NULL,
    from_mentor_minor bigint NOT NULL,
    from_platform_minor bigint NOT NULL,
    status character varying(20) NOT NULL,
    provider_refund_id character varying(200),
    created_at timestamp with time zone NOT NULL,
    processed_at timestamp with time zone,
    CONSTRAINT pk_payment_refunds PRIMARY KEY (id),
    CONSTRAINT fk_payment_refunds_payments_payment_id FOREIGN KEY (payment_id) REFERENCES payments (id) ON DELETE RESTRICT
);

CREATE INDEX ix_coupon_redemptions_coupon_id_status ON coupon_redemptions (coupon_id, status);

CREATE UNIQUE INDEX ix_coupons_code ON coupons (code);

CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at);

CREATE UNIQUE INDEX ix_idempotency_keys_user_id_key ON idempotency_keys (user_id, key);

CREATE INDEX ix_ledger_entries_account_party_id ON ledger_entries (account, party_id);

CREATE INDEX ix_ledger_entries_purchase_id ON ledger_entries (purchase_id);

CREATE INDEX ix_ledger_entries_transaction_id ON ledger_entries (transaction_id);

CREATE INDEX ix_ledger_transactions_occurred_at ON ledger_transactions (occurred_at);

CREATE UNIQUE INDEX ix_ledger_transactions_reference ON ledger_transactions (reference);

CREATE UNIQUE INDEX ix_payment_refunds_payment_id_key ON payment_refunds (payment_id, key);

CREATE INDEX ix_payment_refunds_provider_refund_id ON payment_refunds (provider_refund_id);

CREATE INDEX ix_payments_coupon_id ON payments (coupon_id);

CREATE UNIQUE INDEX ix_payments_invoice_number ON payments (invoice_number);

CREATE INDEX ix_payments_payee_id_succeeded_at ON payments (payee_id, succeeded_at);

CREATE INDEX ix_payments_payer_id_created_at ON payments (payer_id, created_at);

CREATE UNIQUE INDEX ix_payments_provider_provider_order_id ON payments (provider, provider_order_id);

CREATE INDEX ix_payments_purchase_id ON payments (purchase_id);


-- The ledger is append-only: a correction is a new transaction, never an edit (ADR 0024).
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_transactions_no_truncate BEFORE TRUNCATE ON ledger_transactions
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Every transaction sums to zero in each currency, checked when the database transaction that wrote it commits (all its
-- entries are in by then).
CREATE FUNCTION ledger_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ledger_entries WHERE transaction_id = NEW.transaction_id GROUP BY currency HAVING SUM(amount_minor) <> 0) THEN
        RAISE EXCEPTION 'ledger transaction % does not balance', NEW.transaction_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_balanced();
