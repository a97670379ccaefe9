using Gurukul.Platform.Data;

namespace Gurukul.Tests.Platform;

/// <summary>
/// The ledger's guards of migration 0014 (docs/adr/0024-idempotency-and-ledger.md), as <see cref="Infrastructure.SchemaDescription"/>
/// describes them: triggers (and on PostgreSQL their functions) outside the EF model, which the migrated schema must hold exactly.
/// </summary>
internal static class LedgerSchema
{
    public static IReadOnlyList<string> For(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? Sqlite : Postgres;

    private static readonly string[] Sqlite =
    [
        "trigger ledger_entries.ledger_entries_no_delete",
        "trigger ledger_entries.ledger_entries_no_update",
        "trigger ledger_transactions.ledger_transactions_no_delete",
        "trigger ledger_transactions.ledger_transactions_no_update",
    ];

    private static readonly string[] Postgres =
    [
        "constraint ledger_entries.ledger_entries_balanced TRIGGER DEFERRABLE INITIALLY DEFERRED",
        "function ledger_check_balanced()",
        "function ledger_refuse_change()",
        "trigger ledger_entries.ledger_entries_append_only",
        "trigger ledger_entries.ledger_entries_balanced",
        "trigger ledger_entries.ledger_entries_no_truncate",
        "trigger ledger_transactions.ledger_transactions_append_only",
        "trigger ledger_transactions.ledger_transactions_no_truncate",
    ];
}
