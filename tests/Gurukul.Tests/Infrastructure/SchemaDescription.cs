using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Gurukul.Platform.Data;

namespace Gurukul.Tests.Infrastructure;

/// <summary>
/// A database's schema as sorted lines (columns with type, nullability and default; indexes; constraints; and the
/// objects EF does not model: virtual tables, views, triggers, functions, extensions), read from the database's own
/// catalog, so two databases can be compared line by line.
/// </summary>
public static partial class SchemaDescription
{
    // FTS5's shadow tables are the virtual table's storage, described by the virtual table's own line.
    private const string SqliteTables = """
        m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schema_migrations'
        AND m.name NOT IN (SELECT t.name FROM pragma_table_list t WHERE t.type = 'shadow')
        """;

    private const string SqliteColumns = $"""
        SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || CASE WHEN p."notnull" = 1 THEN ' not null' ELSE '' END
               || ' default=' || COALESCE(p.dflt_value, '') || ' pk=' || p.pk
        FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE {SqliteTables}
        """;

    private const string SqliteIndexes = $"""
        SELECT 'index ' || m.name || '.' || il.name || ' unique=' || il."unique" || ' origin=' || il.origin || ' (' ||
               (SELECT group_concat(ii.name, ',') FROM pragma_index_info(il.name) ii) || ')'
        FROM sqlite_master m JOIN pragma_index_list(m.name) il
        WHERE {SqliteTables}
        """;

    private const string SqliteForeignKeys = $"""
        SELECT 'fk ' || m.name || '.' || f."from" || ' -> ' || f."table" || '.' || f."to" || ' on delete ' || f.on_delete
        FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
        WHERE {SqliteTables}
        """;

    private const string SqliteOtherObjects = """
        SELECT 'virtual table ' || name || ' ' || substr(sql, instr(upper(sql), 'USING')) FROM sqlite_master
        WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'
        UNION ALL SELECT 'view ' || name FROM sqlite_master WHERE type = 'view'
        UNION ALL SELECT 'trigger ' || tbl_name || '.' || name FROM sqlite_master WHERE type = 'trigger'
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

    // Functions that belong to an extension are described by the extension's line.
    private const string PostgresOtherObjects = """
        SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
        UNION ALL SELECT 'trigger ' || tgrelid::regclass::text || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal
        UNION ALL SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p
            WHERE p.pronamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
        UNION ALL SELECT 'view ' || viewname FROM pg_views WHERE schemaname = 'public'
        """;

    public static async Task<IReadOnlyList<string>> ReadAsync(DbConnection connection, DatabaseProvider provider)
    {
        var queries = provider == DatabaseProvider.Sqlite
            ? new[] { SqliteColumns, SqliteIndexes, SqliteForeignKeys, SqliteOtherObjects }
            : [PostgresColumns, PostgresIndexes, PostgresConstraints, PostgresOtherObjects];
        var lines = new List<string>();
        foreach (var query in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(Whitespace().Replace(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!, " "));
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
