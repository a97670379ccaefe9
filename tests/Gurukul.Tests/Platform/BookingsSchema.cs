using Gurukul.Platform.Data;

namespace Gurukul.Tests.Platform;

/// <summary>
/// The parts of migration 0015 (docs/adr/0026) EF does not model, as <see cref="Infrastructure.SchemaDescription"/> describes them:
/// the database's refusal of a double booking (an exclusion constraint on PostgreSQL, triggers on SQLite) and the triggers that
/// move the availability clock (docs/adr/0021).
/// </summary>
internal static class BookingsSchema
{
    public static IReadOnlyList<string> For(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? Sqlite : Postgres;

    private static readonly string[] Sqlite =
    [
        "trigger bookings.bookings_availability_delete",
        "trigger bookings.bookings_availability_insert",
        "trigger bookings.bookings_availability_update",
        "trigger bookings.bookings_no_overlap_insert",
        "trigger bookings.bookings_no_overlap_update",
    ];

    private static readonly string[] Postgres =
    [
        "constraint bookings.bookings_no_overlap EXCLUDE USING gist (mentor_id WITH =, tstzrange(starts_at, blocks_until, '[)'::text) WITH &&) "
            + "WHERE (((status)::text = ANY ((ARRAY['pending_payment'::character varying, 'confirmed'::character varying])::text[])))",
        "extension btree_gist",
        "function bookings_availability_touched()",
        "index CREATE INDEX bookings_no_overlap ON public.bookings USING gist (mentor_id, tstzrange(starts_at, blocks_until, '[)'::text)) "
            + "WHERE ((status)::text = ANY ((ARRAY['pending_payment'::character varying, 'confirmed'::character varying])::text[]))",
        "trigger bookings.bookings_availability_delete",
        "trigger bookings.bookings_availability_insert",
        "trigger bookings.bookings_availability_update",
    ];
}
