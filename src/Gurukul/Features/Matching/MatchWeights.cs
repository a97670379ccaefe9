using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Matching;

/// <summary>
/// How much each component counts in a match score (issue 5's defaults). Set in the <c>Matching:Weights</c>
/// configuration section without code changes; each is between 0 and 1 and together they sum to 1, so a score is in 0–1.
/// </summary>
public sealed class MatchWeights
{
    public double Language { get; set; } = 0.30;
    public double AcademicLevel { get; set; } = 0.25;
    public double Field { get; set; } = 0.20;
    public double Location { get; set; } = 0.10;
    public double CareerGoals { get; set; } = 0.10;
    public double Rating { get; set; } = 0.03;
    public double Availability { get; set; } = 0.01;
    public double Experience { get; set; } = 0.01;

    public IReadOnlyList<(string Name, double Weight)> All =>
    [
        (nameof(Language), Language), (nameof(AcademicLevel), AcademicLevel), (nameof(Field), Field), (nameof(Location), Location),
        (nameof(CareerGoals), CareerGoals), (nameof(Rating), Rating), (nameof(Availability), Availability), (nameof(Experience), Experience),
    ];

    /// <summary>Short and stable for the same weights: stored with each list so that new weights make old lists stale.</summary>
    public string Fingerprint()
    {
        var text = string.Join('|', All.Select(w => w.Weight.ToString("R", CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}

/// <summary>The rest of the matching settings (<c>Matching</c> section).</summary>
public sealed class MatchingOptions
{
    public MatchWeights Weights { get; set; } = new();

    /// <summary>How many mentors a stored list keeps: enough for the largest page after the student hides a few.</summary>
    public int ListSize { get; set; } = 60;

    /// <summary>How many candidates the database narrows the field to before each is scored in full.</summary>
    public int CandidatePool { get; set; } = 400;

    /// <summary>A list older than this is scored again even if nothing marked it stale: ratings drift, new mentors arrive.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>Refuses to start with weights that cannot make a 0–1 score, naming the setting at fault.</summary>
public sealed class MatchingOptionsValidator : IValidateOptions<MatchingOptions>
{
    public ValidateOptionsResult Validate(string? name, MatchingOptions options)
    {
        var failures = new List<string>();
        foreach (var (weightName, weight) in options.Weights.All)
        {
            if (!double.IsFinite(weight) || weight is < 0 or > 1)
            {
                failures.Add($"Matching:Weights:{weightName} must be between 0 and 1 (it is {weight.ToString(CultureInfo.InvariantCulture)}).");
            }
        }

        var sum = options.Weights.All.Sum(w => w.Weight);
        if (Math.Abs(sum - 1) > 1e-6)
        {
            failures.Add($"Matching:Weights must sum to 1 (they sum to {sum.ToString(CultureInfo.InvariantCulture)}).");
        }

        if (options.ListSize is < 10 or > 200)
        {
            failures.Add("Matching:ListSize must be between 10 and 200.");
        }

        if (options.CandidatePool < options.ListSize)
        {
            failures.Add("Matching:CandidatePool must be at least Matching:ListSize.");
        }

        if (options.MaxAge <= TimeSpan.Zero)
        {
            failures.Add("Matching:MaxAge must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
