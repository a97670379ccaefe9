using System.Data.Common;
using System.Globalization;
using Gurukul.Platform.Data;

namespace Gurukul.Tests.Infrastructure;

/// <summary>
/// A database's schema as sorted lines (columns with type, nullability and default; indexes; constraints), read from
/// the database's own catalog, so two databases can be compared line by line.
/// </summary>
public static class SchemaDescription
{
    private const string SqliteColumns = """
        SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || CASE WHEN p."notnull" = 1 THEN ' not null' ELSE '' END
               || ' default=' || COALESCE(p.dflt_value, '') || ' pk=' || p.pk
        FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations'
        """;

    private const string SqliteIndexes = """
        SELECT 'index ' || m.name || '.' || il.name || ' unique=' || il."unique" || ' origin=' || il.origin || ' (' ||
               (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) || ')'
        FROM sqlite_master m JOIN pragma_index_list(m.name) il
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations'
        """;

    private const string SqliteForeignKeys = """
        SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on delete ' || f.on_delete
        FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
        """;

    private const string PostgresColumns = """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || COALESCE('(' || character_maximum_length || ')', '')
               || COALESCE(' numeric(' || numeric_precision || ',' || numeric_scale || ')', '') || ' nullable=' || is_nullable
               || ' default=' || COALESCE(column_default, '') || ' identity=' || is_identity || COALESCE(' ' || identity_generation, '')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'
        """;

    private const string PostgresIndexes = """
        SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migrations'
        """;

    private const string PostgresConstraints = """
        SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migrations'
        """;

    public static async Task<IReadOnlyList<string>> ReadAsync(DbConnection connection, DatabaseProvider provider)
    {
        var queries = provider == DatabaseProvider.Sqlite
            ? new[] { SqliteColumns, SqliteIndexes, SqliteForeignKeys }
            : [PostgresColumns, PostgresIndexes, PostgresConstraints];
        var lines = new List<string>();
        foreach (var query in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
