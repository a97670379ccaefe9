-- 0013 language and prices (issue 17): the multilingual term dictionary of the taxonomy (docs/adr/0022-multilingual-search.md)
-- and the admin-maintained reference exchange rates prices are converted with (docs/adr/0023-places-and-prices.md).
-- Hand-written from 'dotnet run --project src/Gurukul -- schema-script' (docs/adr/0002-hand-written-sql-migrations.md).

CREATE TABLE "taxonomy_terms" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_taxonomy_terms" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "is_name" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "ix_taxonomy_terms_kind_key_language_text" ON "taxonomy_terms" ("kind", "key", "language", "text");

CREATE TABLE "exchange_rates" (
    "currency" TEXT NOT NULL CONSTRAINT "pk_exchange_rates" PRIMARY KEY,
    "rupees_per_unit" TEXT NOT NULL,
    "as_of" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL
);

-- Terms change what a search means, so they move the text version as well; rates move the price order and bands.
CREATE TRIGGER "mentor_search_clock_terms_insert" AFTER INSERT ON "taxonomy_terms" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1, "text_version" = "text_version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_terms_update" AFTER UPDATE ON "taxonomy_terms" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1, "text_version" = "text_version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_terms_delete" AFTER DELETE ON "taxonomy_terms" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1, "text_version" = "text_version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_exchange_rates_insert" AFTER INSERT ON "exchange_rates" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_exchange_rates_update" AFTER UPDATE ON "exchange_rates" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;

CREATE TRIGGER "mentor_search_clock_exchange_rates_delete" AFTER DELETE ON "exchange_rates" BEGIN
    UPDATE "mentor_search_clock" SET "version" = "version" + 1;
END;
