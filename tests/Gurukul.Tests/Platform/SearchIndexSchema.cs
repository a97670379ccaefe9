using Gurukul.Platform.Data;

namespace Gurukul.Tests.Platform;

/// <summary>
/// The search index of migration 0007 (docs/adr/0014-mentor-search.md), as <see cref="Infrastructure.SchemaDescription"/>
/// describes it: objects outside the EF model, which the migrated schema must hold exactly.
/// </summary>
internal static class SearchIndexSchema
{
    public static IReadOnlyList<string> For(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? Sqlite : Postgres;

    private static readonly string[] Sqlite =
    [
        @"column mentor_search.bio TEXT not null default= pk=0",
        @"column mentor_search.expertise TEXT not null default= pk=0",
        @"column mentor_search.headline TEXT not null default= pk=0",
        @"column mentor_search.id INTEGER not null default= pk=1",
        @"column mentor_search.mentor_id TEXT not null default= pk=0",
        @"column mentor_search.name TEXT not null default= pk=0",
        @"column mentor_search.subjects TEXT not null default= pk=0",
        @"column mentor_search_fts.bio default= pk=0",
        @"column mentor_search_fts.expertise default= pk=0",
        @"column mentor_search_fts.headline default= pk=0",
        @"column mentor_search_fts.name default= pk=0",
        @"column mentor_search_fts.subjects default= pk=0",
        @"column mentor_search_words.id INTEGER not null default= pk=1",
        @"column mentor_search_words.word TEXT not null default= pk=0",
        @"column mentor_search_words_fts.word default= pk=0",
        @"fk mentor_search.mentor_id -> mentor_profiles.id on delete CASCADE",
        @"index mentor_search.ix_mentor_search_mentor_id unique=1 origin=c (mentor_id)",
        @"index mentor_search_words.ix_mentor_search_words_word unique=1 origin=c (word)",
        @"trigger mentor_profiles.mentor_search_profile_insert",
        @"trigger mentor_profiles.mentor_search_profile_update",
        @"trigger mentor_search.mentor_search_fts_delete",
        @"trigger mentor_search.mentor_search_fts_insert",
        @"trigger mentor_search.mentor_search_fts_update",
        @"trigger mentor_search.mentor_search_words_from_insert",
        @"trigger mentor_search.mentor_search_words_from_update",
        @"trigger mentor_search_words.mentor_search_words_fts_delete",
        @"trigger mentor_search_words.mentor_search_words_fts_insert",
        @"trigger mentor_subjects.mentor_search_subject_added",
        @"trigger mentor_subjects.mentor_search_subject_removed",
        @"trigger subjects.mentor_search_subject_rename",
        @"trigger users.mentor_search_user_rename",
        @"view mentor_search_source",
        @"view mentor_search_terms",
        @"virtual table mentor_search_fts USING fts5( ""name"", ""subjects"", ""expertise"", ""headline"", ""bio"", content = 'mentor_search', content_rowid = 'id', tokenize = 'trigram' )",
        @"virtual table mentor_search_words_fts USING fts5( ""word"", content = 'mentor_search_words', content_rowid = 'id', tokenize = 'trigram' )",
    ];

    private static readonly string[] Postgres =
    [
        @"column mentor_search.document tsvector nullable=NO default= identity=NO",
        @"column mentor_search.labels tsvector nullable=NO default= identity=NO",
        @"column mentor_search.mentor_id uuid nullable=NO default= identity=NO",
        @"column mentor_search_words.word text nullable=NO default= identity=NO",
        @"constraint mentor_search.fk_mentor_search_mentor_profiles_mentor_id FOREIGN KEY (mentor_id) REFERENCES mentor_profiles(id) ON DELETE CASCADE",
        @"constraint mentor_search.pk_mentor_search PRIMARY KEY (mentor_id)",
        @"constraint mentor_search_words.pk_mentor_search_words PRIMARY KEY (word)",
        @"extension pg_trgm",
        @"function mentor_search_refresh(uuid[])",
        @"function mentor_search_row_changed()",
        @"function mentor_search_rows_changed()",
        @"function mentor_search_words_added()",
        @"index CREATE INDEX ix_mentor_search_document ON public.mentor_search USING gin (document)",
        @"index CREATE INDEX ix_mentor_search_words_word ON public.mentor_search_words USING gin (word gin_trgm_ops)",
        @"index CREATE UNIQUE INDEX pk_mentor_search ON public.mentor_search USING btree (mentor_id)",
        @"index CREATE UNIQUE INDEX pk_mentor_search_words ON public.mentor_search_words USING btree (word)",
        @"trigger mentor_profiles.mentor_search_profile_insert",
        @"trigger mentor_profiles.mentor_search_profile_update",
        @"trigger mentor_search.mentor_search_words_insert",
        @"trigger mentor_search.mentor_search_words_update",
        @"trigger mentor_subjects.mentor_search_subject_added",
        @"trigger mentor_subjects.mentor_search_subject_removed",
        @"trigger subjects.mentor_search_subject_rename",
        @"trigger users.mentor_search_user_rename",
    ];
}
