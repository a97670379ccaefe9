using Gurukul.Features.Reference;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Discovery;

/// <summary>Match reasons as the API returns them and as pages say them, in the reader's language.</summary>
public static class MatchReasonText
{
    public static MatchReasonDto Dto(MatchReason reason, TermSet terms) => new(
        reason.Kind switch
        {
            MatchKind.Subject => "subject",
            MatchKind.Language => "language",
            MatchKind.Term => "term",
            MatchKind.Transliteration => "transliteration",
            _ => "typo",
        },
        reason.Query,
        Matched(reason, terms),
        reason.Concept is { Kind: TermKind.Subject } subject ? subject.Key : null,
        reason.Concept is { Kind: TermKind.Language } language ? language.Key : null);

    /// <summary>"Teaches Physics — matched “భౌతిక శాస్త్రం”" and the like.</summary>
    public static string Sentence(MatchReason reason, TermSet terms, IStringLocalizer<Strings> text) =>
        text[$"search.why.{Dto(reason, terms).Kind}", Matched(reason, terms), reason.Query];

    private static string Matched(MatchReason reason, TermSet terms) =>
        reason.Concept is { } concept ? terms.Name(concept.Kind, concept.Key, concept.Key) : reason.Word ?? reason.Query;
}
