-- 0014 payments: idempotency keys, the double-entry ledger, payments, refunds, provider events, coupons, invoice numbers
-- (ADR 0024, ADR 0025). Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "coupons" (
    "id" TEXT NOT NULL CONSTRAINT "pk_coupons" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "percent_off" INTEGER NULL,
    "amount_off_minor" INTEGER NULL,
    "amount_off_currency" TEXT NULL,
    "max_redemptions" INTEGER NULL,
    "uses" INTEGER NOT NULL,
    "valid_until" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    CONSTRAINT "ck_coupons_one_discount" CHECK ((percent_off IS NULL) <> (amount_off_minor IS NULL)),
    CONSTRAINT "ck_coupons_uses_within_limit" CHECK (uses >= 0 AND (max_redemptions IS NULL OR uses <= max_redemptions))
);

CREATE TABLE "invoice_series" (
    "financial_year" TEXT NOT NULL CONSTRAINT "pk_invoice_series" PRIMARY KEY,
    "last_number" INTEGER NOT NULL
);

CREATE TABLE "ledger_transactions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_ledger_transactions" PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "purchase_id" TEXT NULL,
    "occurred_at" TEXT NOT NULL
);

CREATE TABLE "payment_webhook_events" (
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payment_id" TEXT NULL,
    "received_at" TEXT NOT NULL,
    CONSTRAINT "pk_payment_webhook_events" PRIMARY KEY ("provider", "event_id")
);

CREATE TABLE "ledger_entries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_ledger_entries" PRIMARY KEY,
    "transaction_id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "party_id" TEXT NULL,
    "purchase_id" TEXT NULL,
    "amount_minor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    CONSTRAINT "fk_ledger_entries_ledger_transactions_transaction_id" FOREIGN KEY ("transaction_id") REFERENCES "ledger_transactions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "idempotency_keys" (
    "id" TEXT NOT NULL CONSTRAINT "pk_idempotency_keys" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "locked_until" TEXT NOT NULL,
    "completed_at" TEXT NULL,
    "response_status" INTEGER NULL,
    "response_content_type" TEXT NULL,
    "response_location" TEXT NULL,
    "response_body" BLOB NULL,
    CONSTRAINT "fk_idempotency_keys_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "payments" (
    "id" TEXT NOT NULL CONSTRAINT "pk_payments" PRIMARY KEY,
    "purchase_kind" TEXT NOT NULL,
    "purchase_id" TEXT NOT NULL,
    "payer_id" TEXT NOT NULL,
    "payee_id" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "coupon_id" TEXT NULL,
    "provider" TEXT NOT NULL,
    "provider_order_id" TEXT NULL,
    "provider_payment_id" TEXT NULL,
    "checkout_url" TEXT NULL,
    "return_path" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "failure_reason" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "succeeded_at" TEXT NULL,
    "failed_at" TEXT NULL,
    "refunded_minor" INTEGER NOT NULL,
    "fee_minor" INTEGER NOT NULL,
    "invoice_number" TEXT NULL,
    "invoiced_at" TEXT NULL,
    "completed_at" TEXT NULL,
    "release_at" TEXT NULL,
    "released_at" TEXT NULL,
    "disputed" INTEGER NOT NULL,
    "released_to_mentor_minor" INTEGER NOT NULL,
    "released_to_platform_minor" INTEGER NOT NULL,
    "reversed_from_mentor_minor" INTEGER NOT NULL,
    "reversed_from_platform_minor" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "amount_amount_minor" INTEGER NOT NULL,
    "amount_currency" TEXT NOT NULL,
    "list_price_amount_minor" INTEGER NOT NULL,
    "list_price_currency" TEXT NOT NULL,
    CONSTRAINT "fk_payments_coupons_coupon_id" FOREIGN KEY ("coupon_id") REFERENCES "coupons" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payments_users_payee_id" FOREIGN KEY ("payee_id") REFERENCES "users" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_payments_users_payer_id" FOREIGN KEY ("payer_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "coupon_redemptions" (
    "payment_id" TEXT NOT NULL CONSTRAINT "pk_coupon_redemptions" PRIMARY KEY,
    "coupon_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reserved_at" TEXT NOT NULL,
    "settled_at" TEXT NULL,
    CONSTRAINT "fk_coupon_redemptions_coupons_coupon_id" FOREIGN KEY ("coupon_id") REFERENCES "coupons" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_coupon_redemptions_payments_payment_id" FOREIGN KEY ("payment_id") REFERENCES "payments" ("id") ON DELETE CASCADE
);

CREATE TABLE "payment_refunds" (
    "id" TEXT NOT NULL CONSTRAINT "pk_payment_refunds" PRIMARY KEY,
    "payment_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "from_escrow_minor" INTEGER NOT NULL,
    "from_mentor_minor" INTEGER NOT NULL,
    "from_platform_minor" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "provider_refund_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "processed_at" TEXT NULL,
    CONSTRAINT "fk_payment_refunds_payments_payment_id" FOREIGN KEY ("payment_id") REFERENCES "payments" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_coupon_redemptions_coupon_id_status" ON "coupon_redemptions" ("coupon_id", "status");

CREATE UNIQUE INDEX "ix_coupons_code" ON "coupons" ("code");

CREATE INDEX "ix_idempotency_keys_expires_at" ON "idempotency_keys" ("expires_at");

CREATE UNIQUE INDEX "ix_idempotency_keys_user_id_key" ON "idempotency_keys" ("user_id", "key");

CREATE INDEX "ix_ledger_entries_account_party_id" ON "ledger_entries" ("account", "party_id");

CREATE INDEX "ix_ledger_entries_purchase_id" ON "ledger_entries" ("purchase_id");

CREATE INDEX "ix_ledger_entries_transaction_id" ON "ledger_entries" ("transaction_id");

CREATE INDEX "ix_ledger_transactions_occurred_at" ON "ledger_transactions" ("occurred_at");

CREATE UNIQUE INDEX "ix_ledger_transactions_reference" ON "ledger_transactions" ("reference");

CREATE UNIQUE INDEX "ix_payment_refunds_payment_id_key" ON "payment_refunds" ("payment_id", "key");

CREATE INDEX "ix_payment_refunds_provider_refund_id" ON "payment_refunds" ("provider_refund_id");

CREATE INDEX "ix_payments_coupon_id" ON "payments" ("coupon_id");

CREATE UNIQUE INDEX "ix_payments_invoice_number" ON "payments" ("invoice_number");

CREATE INDEX "ix_payments_payee_id_succeeded_at" ON "payments" ("payee_id", "succeeded_at");

CREATE INDEX "ix_payments_payer_id_created_at" ON "payments" ("payer_id", "created_at");

CREATE UNIQUE INDEX "ix_payments_provider_provider_order_id" ON "payments" ("provider", "provider_order_id");

CREATE INDEX "ix_payments_purchase_id" ON "payments" ("purchase_id");


-- The ledger is append-only: a correction is a new transaction, never an edit (ADR 0024). SQLite has no deferred triggers,
-- so the sum of each transaction is checked by the code that builds it and by GET /api/v1/admin/ledger/check.
CREATE TRIGGER "ledger_transactions_no_update" BEFORE UPDATE ON "ledger_transactions"
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only: UPDATE on ledger_transactions refused');
END;
CREATE TRIGGER "ledger_transactions_no_delete" BEFORE DELETE ON "ledger_transactions"
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only: DELETE on ledger_transactions refused');
END;
CREATE TRIGGER "ledger_entries_no_update" BEFORE UPDATE ON "ledger_entries"
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only: UPDATE on ledger_entries refused');
END;
CREATE TRIGGER "ledger_entries_no_delete" BEFORE DELETE ON "ledger_entries"
BEGIN
    SELECT RAISE(ABORT, 'the ledger is append-only: DELETE on ledger_entries refused');
END;
