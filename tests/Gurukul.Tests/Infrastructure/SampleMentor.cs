using System.Net.Http.Headers;

namespace Gurukul.Tests.Infrastructure;

/// <summary>What a mentor sends when applying, for the API tests and the browser journeys alike.</summary>
public static class SampleMentor
{
    public const string Headline = "NEET Biology mentor · AIIMS Delhi";

    /// <summary>A complete <c>PUT /api/v1/me/mentor-profile</c> body.</summary>
    public static object Profile() => new
    {
        headline = Headline,
        bio = "Ten years of helping Hindi-medium students crack NEET biology with diagrams they can redraw in the exam.",
        company = (string?)null,
        university = "AIIMS Delhi",
        experienceYears = 10,
        expertiseAreas = new[] { "Human physiology", "Exam strategy" },
        subjects = new[] { "neet-ug" },
        studentLevelsServed = new[] { "school" },
        hourlyRate = new { amountMinor = 80000, currency = "INR" },
        primaryLanguage = "hi",
        languagesSpoken = new[] { "en" },
        timezone = "Asia/Kolkata",
        city = "Patna",
        state = "Bihar",
        country = "IN",
    };

    /// <summary>The multipart body of a document upload: <c>file</c> as given, and <c>kind</c> unless null.</summary>
    public static MultipartFormDataContent Upload(byte[] bytes, string fileName, string contentType, string? kind)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        if (kind is not null)
        {
            form.Add(new StringContent(kind), "kind");
        }

        return form;
    }
}
