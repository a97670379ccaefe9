using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;
using NodaTime;

namespace Gurukul.Features.Bookings;

/// <summary>A booking request whose fields each parse; whether the mentor offers it is checked afterwards.</summary>
public sealed record BookingAsked(
    Guid MentorId, Instant Start, int DurationMinutes, SessionType SessionType, string SessionLanguage, Questionnaire Questionnaire, string? CouponCode);

/// <summary>The shape rules of booking requests, and the API spelling of the booking's enums.</summary>
public sealed class BookingRules(IStringLocalizer<Strings> text)
{
    public const int PurposeMaxLength = 1000;
    public const int TextMaxLength = 2000;
    public const int ReasonMaxLength = 500;
    public const int QuestionMaxLength = 500;
    public const int MaxQuestions = 10;

    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => SnakeCaseNames.ToSnakeCase(value.ToString());

    public static TEnum? Parse<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(v => (TEnum?)v).FirstOrDefault(v => Name(v!.Value) == value?.Trim().ToLowerInvariant());

    /// <summary>Every field of <paramref name="request"/> checked at once: 400 naming each bad one.</summary>
    public BookingAsked Check(BookingRequest request)
    {
        var errors = new FieldErrors();
        var mentorId = Guid.TryParse(request.MentorId?.Trim(), out var id) ? id : (Guid?)null;
        if (mentorId is null)
        {
            errors.Add("mentorId", text["bookings.validation.mentor"]);
        }

        if (request.Start is null)
        {
            errors.Add("start", text["bookings.validation.start"]);
        }

        if (request.DurationMinutes is not > 0)
        {
            errors.Add("durationMinutes", text["bookings.validation.duration"]);
        }

        var type = Parse<SessionType>(request.SessionType);
        if (type is null)
        {
            errors.Add("sessionType", text["bookings.validation.session_type"]);
        }

        var language = request.SessionLanguage?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(language) || language.Length > 8)
        {
            errors.Add("sessionLanguage", text["bookings.validation.language_missing"]);
        }

        var questionnaire = Questionnaire(request.Questionnaire, errors);
        var coupon = request.CouponCode?.Trim();
        errors.ThrowIfAny();
        return new BookingAsked(
            mentorId!.Value, ApiInstants.From(request.Start!.Value), request.DurationMinutes!.Value, type!.Value, language!, questionnaire,
            string.IsNullOrEmpty(coupon) ? null : coupon);
    }

    /// <summary>A reason of up to <see cref="ReasonMaxLength"/> characters (or <paramref name="maxLength"/>), trimmed; 400 naming <paramref name="field"/>.</summary>
    public string Reason(string field, string? value, bool required, int maxLength = ReasonMaxLength)
    {
        var trimmed = value?.Trim() ?? "";
        return (required && trimmed.Length == 0) || trimmed.Length > maxLength
            ? throw new ValidationException(field, text[required ? "bookings.validation.reason_required" : "bookings.validation.too_long", maxLength])
            : trimmed;
    }

    private Questionnaire Questionnaire(QuestionnaireRequest? request, FieldErrors errors)
    {
        var purpose = request?.Purpose?.Trim() ?? "";
        if (purpose.Length is 0 or > PurposeMaxLength)
        {
            errors.Add("questionnaire.purpose", text["bookings.validation.purpose", PurposeMaxLength]);
        }

        var questions = (request?.Questions ?? []).Select(q => q?.Trim() ?? "").ToList();
        if (questions.Count > MaxQuestions)
        {
            errors.Add("questionnaire.questions", text["bookings.validation.too_many_questions", MaxQuestions]);
        }

        for (var i = 0; i < questions.Count; i++)
        {
            if (questions[i].Length is 0 or > QuestionMaxLength)
            {
                errors.Add($"questionnaire.questions[{i}]", text["bookings.validation.question", QuestionMaxLength]);
            }
        }

        return new Questionnaire(
            purpose, questions, Optional("questionnaire.challenges", request?.Challenges, errors),
            Optional("questionnaire.expectedOutcome", request?.ExpectedOutcome, errors));
    }

    private string? Optional(string field, string? value, FieldErrors errors)
    {
        var trimmed = value?.Trim();
        if (trimmed?.Length > TextMaxLength)
        {
            errors.Add(field, text["bookings.validation.too_long", TextMaxLength]);
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
