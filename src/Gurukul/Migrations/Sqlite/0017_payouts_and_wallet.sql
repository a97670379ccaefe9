-- 0017 payouts and the wallet: payout methods (encrypted), weekly payouts and their runs, payout provider events (ADR 0030);
-- wallet credit grants, referral codes and referrals, and the credit part of payments and refunds (ADR 0031).
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "payout_methods" (
    "mentor_id" TEXT NOT NULL CONSTRAINT "pk_payout_methods" PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "protected_details" TEXT NOT NULL,
    "masked" TEXT NOT NULL,
    "provider_contact_id" TEXT NULL,
    "provider_fund_account_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_payout_methods_users_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "payouts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_payouts" PRIMARY KEY,
    "mentor_id" TEXT NOT NULL,
    "period_end" TEXT NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "method_kind" TEXT NOT NULL,
    "method_masked" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "provider_payout_id" TEXT NULL,
    "reference" TEXT NULL,
    "failure_reason" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "submitted_at" TEXT NULL,
    "paid_at" TEXT NULL,
    "failed_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_payouts_users_mentor_id" FOREIGN KEY ("mentor_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "payout_runs" (
    "period_end" TEXT NOT NULL CONSTRAINT "pk_payout_runs" PRIMARY KEY,
    "started_at" TEXT NOT NULL,
    "completed_at" TEXT NULL,
    "created" INTEGER NOT NULL,
    "total_minor" INTEGER NOT NULL
);

CREATE TABLE "payout_webhook_events" (
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payout_id" TEXT NULL,
    "received_at" TEXT NOT NULL,
    CONSTRAINT "pk_payout_webhook_events" PRIMARY KEY ("provider", "event_id")
);

CREATE TABLE "credit_lots" (
    "id" TEXT NOT NULL CONSTRAINT "pk_credit_lots" PRIMARY KEY,
    "owner_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "remaining_minor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "granted_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "warned_at" TEXT NULL,
    "expired_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_credit_lots_remaining" CHECK (remaining_minor >= 0 AND remaining_minor <= amount_minor),
    CONSTRAINT "fk_credit_lots_users_owner_id" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

CREATE TABLE "referral_codes" (
    "user_id" TEXT NOT NULL CONSTRAINT "pk_referral_codes" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_referral_codes_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "referrals" (
    "referred_id" TEXT NOT NULL CONSTRAINT "pk_referrals" PRIMARY KEY,
    "referrer_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decided_at" TEXT NULL,
    "note" TEXT NULL,
    "reward_key" TEXT NULL,
    CONSTRAINT "fk_referrals_users_referred_id" FOREIGN KEY ("referred_id") REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_referrals_users_referrer_id" FOREIGN KEY ("referrer_id") REFERENCES "users" ("id") ON DELETE RESTRICT
);

ALTER TABLE "payments" ADD COLUMN "credits_minor" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "payments" ADD COLUMN "credits_expire_at" TEXT NULL;
ALTER TABLE "payments" ADD COLUMN "credits_returned" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "payments" ADD COLUMN "refunded_credits_minor" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "payment_refunds" ADD COLUMN "to_credits" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "ix_credit_lots_expired_at_expires_at" ON "credit_lots" ("expired_at", "expires_at");

CREATE INDEX "ix_credit_lots_owner_id_expires_at" ON "credit_lots" ("owner_id", "expires_at");

CREATE UNIQUE INDEX "ix_credit_lots_reference" ON "credit_lots" ("reference");

CREATE INDEX "ix_payouts_created_at" ON "payouts" ("created_at");

CREATE UNIQUE INDEX "ix_payouts_mentor_id_period_end" ON "payouts" ("mentor_id", "period_end");

CREATE INDEX "ix_payouts_provider_payout_id" ON "payouts" ("provider_payout_id");

CREATE INDEX "ix_payouts_status_submitted_at" ON "payouts" ("status", "submitted_at");

CREATE UNIQUE INDEX "ix_referral_codes_code" ON "referral_codes" ("code");

CREATE INDEX "ix_referrals_referrer_id_status" ON "referrals" ("referrer_id", "status");

CREATE UNIQUE INDEX "ix_referrals_reward_key" ON "referrals" ("reward_key");
