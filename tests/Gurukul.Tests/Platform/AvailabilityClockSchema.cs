using Gurukul.Platform.Data;

namespace Gurukul.Tests.Platform;

/// <summary>
/// The availability clock of migration 0012 (docs/adr/0021), as <see cref="Infrastructure.SchemaDescription"/> describes it:
/// objects outside the EF model, which the migrated schema must hold exactly.
/// </summary>
internal static class AvailabilityClockSchema
{
    public static IReadOnlyList<string> For(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? Sqlite : Postgres;

    private static readonly string[] Sqlite =
    [
        @"column mentor_availability_changes.mentor_id TEXT not null default= pk=1",
        @"column mentor_availability_changes.version INTEGER not null default= pk=0",
        @"column mentor_availability_clock.id INTEGER not null default= pk=1",
        @"column mentor_availability_clock.version INTEGER not null default= pk=0",
        @"index mentor_availability_changes.ix_mentor_availability_changes_version unique=0 origin=c (version)",
        @"index mentor_availability_changes.sqlite_autoindex_mentor_availability_changes_1 unique=1 origin=pk (mentor_id)",
        @"trigger mentor_availability.mentor_availability_clock_delete",
        @"trigger mentor_availability.mentor_availability_clock_insert",
        @"trigger mentor_availability.mentor_availability_clock_update",
        @"trigger mentor_date_overrides.mentor_availability_clock_override_delete",
        @"trigger mentor_date_overrides.mentor_availability_clock_override_insert",
        @"trigger mentor_date_overrides.mentor_availability_clock_override_update",
        @"trigger mentor_override_hours.mentor_availability_clock_override_hours_delete",
        @"trigger mentor_override_hours.mentor_availability_clock_override_hours_insert",
        @"trigger mentor_override_hours.mentor_availability_clock_override_hours_update",
        @"trigger mentor_weekly_hours.mentor_availability_clock_weekly_delete",
        @"trigger mentor_weekly_hours.mentor_availability_clock_weekly_insert",
        @"trigger mentor_weekly_hours.mentor_availability_clock_weekly_update",
    ];

    private static readonly string[] Postgres =
    [
        @"column mentor_availability_changes.mentor_id uuid nullable=NO default= identity=NO",
        @"column mentor_availability_changes.version int8 numeric(64,0) nullable=NO default= identity=NO",
        @"column mentor_availability_clock.id int4 numeric(32,0) nullable=NO default= identity=NO",
        @"column mentor_availability_clock.version int8 numeric(64,0) nullable=NO default= identity=NO",
        @"constraint mentor_availability_changes.pk_mentor_availability_changes PRIMARY KEY (mentor_id)",
        @"constraint mentor_availability_clock.ck_mentor_availability_clock_one_row CHECK ((id = 1))",
        @"constraint mentor_availability_clock.pk_mentor_availability_clock PRIMARY KEY (id)",
        @"function mentor_availability_tick(uuid[])",
        @"function mentor_availability_touched()",
        @"index CREATE INDEX ix_mentor_availability_changes_version ON public.mentor_availability_changes USING btree (version)",
        @"index CREATE UNIQUE INDEX pk_mentor_availability_changes ON public.mentor_availability_changes USING btree (mentor_id)",
        @"index CREATE UNIQUE INDEX pk_mentor_availability_clock ON public.mentor_availability_clock USING btree (id)",
        @"trigger mentor_availability.mentor_availability_clock_delete",
        @"trigger mentor_availability.mentor_availability_clock_insert",
        @"trigger mentor_availability.mentor_availability_clock_update",
        @"trigger mentor_date_overrides.mentor_availability_clock_override_delete",
        @"trigger mentor_date_overrides.mentor_availability_clock_override_insert",
        @"trigger mentor_date_overrides.mentor_availability_clock_override_update",
        @"trigger mentor_override_hours.mentor_availability_clock_override_hours_delete",
        @"trigger mentor_override_hours.mentor_availability_clock_override_hours_insert",
        @"trigger mentor_override_hours.mentor_availability_clock_override_hours_update",
        @"trigger mentor_weekly_hours.mentor_availability_clock_weekly_delete",
        @"trigger mentor_weekly_hours.mentor_availability_clock_weekly_insert",
        @"trigger mentor_weekly_hours.mentor_availability_clock_weekly_update",
    ];
}
