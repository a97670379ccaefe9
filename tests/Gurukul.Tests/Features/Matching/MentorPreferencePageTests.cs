using System.Net;
using System.Text.RegularExpressions;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.MentorApplication;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Matching.PreferenceSetup;

namespace Gurukul.Tests.Features.Matching;

/// <summary>The buttons, the form endpoint behind them and /favourites, as a browser without JavaScript uses them.</summary>
public sealed partial class MentorPreferencePageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory, AllProviders]
    public async Task FavouriteButtonOnTheProfile_PostsAForm_AndComesBackWithANotice(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var (session, _) = await SignedInStudentAsync(app);
        var (mentor, slug) = await MentorAsync(app, "Lakshmi Reddy");
        var profile = await session.GetHtmlAsync($"/mentors/{slug}");
        Assert.Contains("aria-label=\"Add to favourites: Lakshmi Reddy\"", profile, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Hide: Lakshmi Reddy\"", profile, StringComparison.Ordinal);

        var response = await PostAsync(session, mentor, Token(profile), "favorite", $"/mentors/{slug}?preference=hide");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/mentors/{slug}?preference=favorite", PageSession.Location(response));
        var after = await session.GetHtmlAsync(PageSession.Location(response)!);
        Assert.Equal("Added to your favourites.", PageSession.TextOf(after, "preference-notice"));
        Assert.Contains("aria-label=\"Remove from favourites: Lakshmi Reddy\"", after, StringComparison.Ordinal);
        Assert.Contains($"Lakshmi Reddy", PageSession.TextOf(await session.GetHtmlAsync("/favourites"), "favourites"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("")]
    public async Task FormPost_WithAReturnUrlOffThisSite_GoesToFavourites(string returnUrl)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var (session, _) = await SignedInStudentAsync(app);
        var (mentor, slug) = await MentorAsync(app);

        var response = await PostAsync(session, mentor, Token(await session.GetHtmlAsync($"/mentors/{slug}")), "hide", returnUrl);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/favourites?preference=hide", PageSession.Location(response));
    }

    [Fact]
    public async Task FormPost_WithoutTheAntiforgeryToken_ChangesNothing_AndSendsToTheTryAgainPage()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var (session, student) = await SignedInStudentAsync(app);
        var (mentor, _) = await MentorAsync(app);

        var response = await PostAsync(session, mentor, token: null, "favorite", "/favourites");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/error/400", PageSession.Location(response));
        Assert.Contains("Please go back and try again.", await session.GetHtmlAsync("/error/400", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Null(await RowAsync(app, student.UserId, mentor));
    }

    [Fact]
    public async Task FormPost_ForAMentorNoLongerPublic_OrAnUnknownAction_GoesToTheErrorPage()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var (session, student) = await SignedInStudentAsync(app);
        var (mentor, slug) = await MentorAsync(app);
        var token = Token(await session.GetHtmlAsync($"/mentors/{slug}"));
        await Gurukul.Tests.Features.Mentors.MentorSetup.MoveToAsync(app, mentor, Gurukul.Features.Mentors.VerificationStatus.Suspended);

        var gone = await PostAsync(session, mentor, token, "favorite", $"/mentors/{slug}");
        var tampered = await PostAsync(session, mentor, token, "delete", $"/mentors/{slug}");

        Assert.Equal(HttpStatusCode.SeeOther, gone.StatusCode);
        Assert.Equal("/error/404", PageSession.Location(gone));
        Assert.Equal("/error/400", PageSession.Location(tampered));
        Assert.Null(await RowAsync(app, student.UserId, mentor));
    }

    [Fact]
    public async Task FormPost_AnonymouslyGoesToSignIn_AndAsAMentorToForbidden()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var (mentor, _) = await MentorAsync(app);
        var anonymous = PageSession.Anonymous(app);
        var signIn = await anonymous.Client.PostAsync(new Uri($"/me/mentor-preferences/{mentor}", UriKind.Relative),
            new FormUrlEncodedContent([new("action", "favorite")]));
        var email = ApiClient.NewEmail("mentor");
        await anonymous.Client.RegisterAsync(email, role: "mentor");
        var mentorSession = await PageSession.SignInAsync(app, email);
        var token = Token(await mentorSession.GetHtmlAsync("/account"));

        var forbidden = await PostAsync(mentorSession, mentor, token, "favorite", "/favourites");

        Assert.StartsWith("/account/sign-in", PageSession.Location(signIn), StringComparison.Ordinal);
        Assert.StartsWith("/error/403", PageSession.Location(forbidden), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicProfile_HasNoButtons_ForVisitorsAndMentors()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var (_, slug) = await MentorAsync(app);
        var email = ApiClient.NewEmail("mentor");
        await app.CreateClient().RegisterAsync(email, role: "mentor");

        var anonymous = await PageSession.Anonymous(app).GetHtmlAsync($"/mentors/{slug}");
        var asMentor = await (await PageSession.SignInAsync(app, email)).GetHtmlAsync($"/mentors/{slug}");

        Assert.DoesNotContain("preference-buttons", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("preference-buttons", asMentor, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/favourites\"", asMentor, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Your favourite mentors", "You have no favourite mentors yet.", "Hidden mentors", "You have not hidden any mentor.")]
    [InlineData("hi", "आपके पसंदीदा मेंटर", "अभी तक आपका कोई पसंदीदा मेंटर नहीं है।", "छिपाए गए मेंटर", "आपने कोई मेंटर नहीं छिपाया है।")]
    [InlineData("te", "మీకు ఇష్టమైన మెంటార్లు", "మీకు ఇంకా ఇష్టమైన మెంటార్లు ఎవరూ లేరు.", "దాచిన మెంటార్లు", "మీరు ఏ మెంటార్‌నీ దాచలేదు.")]
    public async Task Favourites_WhenEmpty_SaysSoInTheStudentsLanguage_AndLinksToTheMentors(
        string culture, string title, string empty, string hiddenTitle, string hiddenEmpty)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var (session, _) = await SignedInStudentAsync(app);

        var html = await session.GetHtmlAsync($"/favourites?culture={culture}");

        Assert.Contains($"<h1 class=\"text-2xl font-bold\">{title}</h1>", html, StringComparison.Ordinal);
        Assert.StartsWith(empty, PageSession.TextOf(html, "favourites-empty"), StringComparison.Ordinal);
        Assert.Contains("<a href=\"/mentors\">", html, StringComparison.Ordinal);
        Assert.Equal(hiddenTitle, PageSession.TextOf(html, "hidden-title"));
        Assert.Equal(hiddenEmpty, PageSession.TextOf(html, "hidden-empty"));
        Assert.Contains("href=\"/favourites\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Remove from favourites: Favourite One", "Show again: Hidden One", "Hidden. You will not see this mentor in your recommendations.")]
    [InlineData("hi", "पसंदीदा से हटाएँ: Favourite One", "फिर से दिखाएँ: Hidden One", "छिपा दिया गया। यह मेंटर अब आपकी सिफ़ारिशों में नहीं दिखेंगे।")]
    [InlineData("te", "ఇష్టమైనవాటి నుంచి తీసివేయండి: Favourite One", "మళ్ళీ చూపించండి: Hidden One", "దాచాం. ఈ మెంటార్ ఇకపై మీ సిఫార్సుల్లో కనిపించరు.")]
    public async Task Favourites_ListsFavouritesAndHiddenMentors_WithTheirButtons_InEachLanguage(
        string culture, string unfavourite, string unhide, string hiddenNotice)
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var (session, student) = await SignedInStudentAsync(app);
        var client = app.CreateClient();
        var (favourite, _) = await MentorAsync(app, "Favourite One");
        var (hidden, _) = await MentorAsync(app, "Hidden One");
        await SetOkAsync(client, student.Token, favourite, "favorite");
        await SetOkAsync(client, student.Token, hidden, "hide");

        var html = await session.GetHtmlAsync($"/favourites?culture={culture}&preference=hide");

        Assert.Contains("Favourite One", PageSession.TextOf(html, "favourites"), StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden One", PageSession.TextOf(html, "favourites"), StringComparison.Ordinal);
        Assert.Contains("Hidden One", PageSession.TextOf(html, "hidden-mentors"), StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"{unfavourite}\"", html, StringComparison.Ordinal);
        Assert.Contains($"aria-label=\"{unhide}\"", html, StringComparison.Ordinal);
        Assert.Equal(hiddenNotice, PageSession.TextOf(html, "preference-notice"));
        Assert.Contains("role=\"status\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Favourites_PagesWithAMoreLink_AndABadCursorStartsAgain()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var (session, student) = await SignedInStudentAsync(app);
        var client = app.CreateClient();
        for (var i = 0; i < 21; i++)
        {
            await SetOkAsync(client, student.Token, (await MentorAsync(app, $"Many Favourite {i:00}")).Id, "favorite");
        }

        var first = await session.GetHtmlAsync("/favourites");
        var more = WebUtility.HtmlDecode(MoreLink().Match(first).Groups[1].Value);
        var second = await session.GetHtmlAsync(more);
        var spoiled = await session.GetHtmlAsync("/favourites?cursor=spoiled&page=abc");

        Assert.Equal(20, Names(first).Count);
        Assert.Equal(["Many Favourite 00"], Names(second));
        Assert.StartsWith("/favourites?cursor=", more, StringComparison.Ordinal);
        Assert.Contains("Page 2", second, StringComparison.Ordinal);
        Assert.Equal(Names(first), Names(spoiled));
    }

    [Fact]
    public async Task Favourites_IsForStudentsOnly()
    {
        var app = await fixture.For(DatabaseProvider.Sqlite);
        var email = ApiClient.NewEmail("mentor");
        await app.CreateClient().RegisterAsync(email, role: "mentor");

        var anonymous = await PageSession.Anonymous(app).Client.GetAsync(new Uri("/favourites", UriKind.Relative));
        var mentor = await (await PageSession.SignInAsync(app, email)).Client.GetAsync(new Uri("/favourites", UriKind.Relative));

        Assert.StartsWith("/account/sign-in", PageSession.Location(anonymous), StringComparison.Ordinal);
        Assert.StartsWith("/error/403", PageSession.Location(mentor), StringComparison.Ordinal);
    }

    private static async Task<(PageSession Session, Student Student)> SignedInStudentAsync(GurukulApp app)
    {
        var student = await StudentAsync(app.CreateClient());
        return (await PageSession.SignInAsync(app, student.Email), student);
    }

    private static async Task<HttpResponseMessage> PostAsync(PageSession session, Guid mentorId, string? token, string action, string returnUrl)
    {
        var fields = new List<KeyValuePair<string, string>> { new("action", action), new("returnUrl", returnUrl) };
        if (token is not null)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        return await session.Client.PostAsync(new Uri($"/me/mentor-preferences/{mentorId}", UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    private static string Token(string html)
    {
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, "no antiforgery token on the page");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    private static List<string> Names(string html) => [.. CardName().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("class=\"card-link[^\"]*\" href=\"/mentors/[^\"]+\">([^<]+)</a>")]
    private static partial Regex CardName();

    [GeneratedRegex("<a class=\"btn-secondary\" href=\"([^\"]+)\">More favourites</a>")]
    private static partial Regex MoreLink();
}
