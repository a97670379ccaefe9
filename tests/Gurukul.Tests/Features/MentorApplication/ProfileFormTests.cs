using Gurukul.Features.Mentors;
using Gurukul.Features.Mentors.Application;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;
using Xunit;

namespace Gurukul.Tests.Features.MentorApplication;

/// <summary>The profile form's own logic: rupees typed by people to paise, and the service's field paths to the form's inputs.</summary>
public sealed class ProfileFormTests
{
    [Theory]
    [InlineData("800", 80000L)]
    [InlineData(" 750.5 ", 75050L)]
    [InlineData("750.50", 75050L)]
    [InlineData("1,250.50", 125050L)]
    [InlineData("1,00,000", 10000000L)]
    [InlineData("₹ 1 200", 120000L)]
    [InlineData("८००", 80000L)]
    [InlineData("౧౨౦౦", 120000L)]
    [InlineData("0", 0L)]
    public void ToMinor_ReadsRupeesAsPeopleTypeThem(string typed, long paise) => Assert.Equal(paise, RateInput.ToMinor(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12.345")]
    [InlineData("-5")]
    [InlineData("1e5")]
    [InlineData("99999999999999999999")]
    public void ToMinor_RefusesWhatIsNotAnAmount(string? typed) => Assert.Null(RateInput.ToMinor(typed));

    [Theory]
    [InlineData(80000L, "800")]
    [InlineData(75050L, "750.50")]
    [InlineData(5L, "0.05")]
    public void FromMinor_ShowsWhatTheMentorWouldType(long paise, string shown) => Assert.Equal(shown, RateInput.FromMinor(paise));

    [Fact]
    public void FormErrors_PutRateAndListItemsBesideTheirInputs()
    {
        var sent = new MentorProfileForm { ExpertiseAreas = "Optics\n" + new string('x', 81) }.ToRequest();
        var invalid = new ValidationException(new Dictionary<string, string[]>
        {
            ["hourlyRate.amountMinor"] = ["in minor units"],
            ["hourlyRate.currency"] = ["currency"],
            ["studentLevelsServed"] = ["levels"],
            ["expertiseAreas[1]"] = ["too long"],
            ["subjects[0]"] = ["unknown a"],
            ["subjects[3]"] = ["unknown b"],
        });

        var mapped = ProfileFormErrors.ForForm(invalid, sent, new EchoLocalizer()).Errors;

        Assert.Equal(["rate", "currency", "levels", "expertiseAreas", "subjects"], mapped.Keys);
        Assert.Equal(["mentorapp.profile.rate_invalid(1,00,000)"], mapped["rate"]);
        Assert.Equal([$"mentorapp.profile.area_too_long({new string('x', 30)}…,{FieldRules.MaxItemLength})"], mapped["expertiseAreas"]);
        Assert.Equal(["unknown a", "unknown b"], mapped["subjects"]);
        Assert.Equal(["levels"], mapped["levels"]);
    }

    [Fact]
    public void Form_SplitsExpertiseOnLinesAndCommas_AndLeavesAnUnreadableExperienceToTheService()
    {
        var request = new MentorProfileForm { ExpertiseAreas = " Optics ,\r\n\r\nWaves,, Lab safety \n", ExperienceYears = "six" }.ToRequest();

        Assert.Equal(["Optics", "Waves", "Lab safety"], request.ExpertiseAreas);
        Assert.Null(request.ExperienceYears);
        Assert.Equal(new MoneyDto(null, null), request.HourlyRate);
    }

    /// <summary>Says which key was asked for with which arguments, so a test sees the choice of message, not its wording.</summary>
    private sealed class EchoLocalizer : IStringLocalizer<Strings>
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, $"{name}({string.Join(",", arguments)})");

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
