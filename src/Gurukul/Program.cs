using Gurukul.Components;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Features.Bookings;
using Gurukul.Features.Discovery;
using Gurukul.Features.Matching;
using Gurukul.Features.Messaging;
using Gurukul.Features.Mentors;
using Gurukul.Features.Mentors.Verification;
using Gurukul.Features.Notifications;
using Gurukul.Features.Payments;
using Gurukul.Features.Payouts;
using Gurukul.Features.Places;
using Gurukul.Features.Prices;
using Gurukul.Features.Profiles;
using Gurukul.Features.Reference;
using Gurukul.Features.Scheduling;
using Gurukul.Features.Wallet;
using Gurukul.Platform.Data;
using Gurukul.Platform.Demo;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Health;
using Gurukul.Platform.Idempotency;
using Gurukul.Platform.Jobs;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Mail;
using Gurukul.Platform.Observability;
using Gurukul.Platform.Realtime;
using Gurukul.Platform.Security;
using Gurukul.Platform.Storage;
using Gurukul.Platform.Web;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using NodaTime;

var builder = WebApplication.CreateBuilder(args);

builder.Logging.AddGurukulLogging();
builder.WebHost.ConfigureGurukulServer();
// Precompressed assets live beside the build output, not in wwwroot; without this only Development could serve them.
// A published app has no runtime manifest, and this is then a no-op.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddGurukulForwardedHeaders(builder.Configuration);
builder.Services.AddGurukulPublicUrls();
builder.Services.AddGurukulData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddGurukulDataProtection();
builder.Services.AddGurukulErrors();
builder.Services.AddGurukulLocalization();
builder.Services.AddGurukulIdentity(builder.Configuration, builder.Environment);
builder.Services.AddScoped<AuditLog>();
builder.Services.AddGurukulHealth();
builder.Services.AddGurukulJobs(builder.Configuration);
builder.Services.AddGurukulIdempotency(builder.Configuration);
builder.Services.AddGurukulMail(builder.Configuration);
builder.Services.AddGurukulRealtime(builder.Configuration);
builder.Services.AddGurukulStorage(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddGurukulOpenApi();
builder.Services.AddGurukulCompression();
builder.Services.AddRazorComponents();
builder.Services.AddCascadingAuthenticationState();
// Telugu, Hindi and every other script go out as characters, not six-byte numeric entities.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

builder.Services.AddScoped<ReferenceService>();
builder.Services.AddScoped<ReferenceAdministration>();
builder.Services.AddScoped<TermAdministration>();
builder.Services.AddScoped<ExchangeRates>();
builder.Services.AddScoped<IReferenceDataUsage, StudentReferenceUsage>();
builder.Services.AddScoped<IReferenceDataUsage, MentorReferenceUsage>();
builder.Services.AddScoped<MentorsService>();
builder.Services.AddScoped<StudentProfileService>();
builder.Services.AddScoped<OnboardingService>();
builder.Services.AddScoped<ProfilePhotos>();
builder.Services.AddScoped<MentorProfileService>();
builder.Services.AddScoped<PublicMentorProfiles>();
builder.Services.AddScoped<MentorVerificationService>();
builder.Services.AddScoped<VerificationMails>();
builder.Services.AddScoped<MentorTextSearch>();
builder.Services.AddScoped<SearchCursors>();
builder.Services.AddScoped<MentorSearchService>();
builder.Services.AddSingleton<MentorSearchIndex>();
builder.Services.AddSingleton<TextHitCache>();
builder.Services.AddSingleton<TaxonomyGlossary>();
builder.Services.AddSingleton<SearchVocabulary>();
builder.Services.AddSingleton<SearchPlanner>();
builder.Services.AddScoped<DemoMarketplace>();
builder.Services.AddGurukulMatching(builder.Configuration);
builder.Services.AddGurukulScheduling();
builder.Services.AddGurukulPayments(builder.Configuration);
builder.Services.AddGurukulBookings(builder.Configuration);
builder.Services.AddGurukulPayouts(builder.Configuration);
builder.Services.AddGurukulWallet(builder.Configuration);
builder.Services.AddGurukulNotifications();
builder.Services.AddGurukulMessaging(builder.Configuration);

var app = builder.Build();

if (await app.TryRunCommandAsync(args))
{
    return;
}

var startup = await app.PrepareDatabaseAsync();
StartupBanner.PrintWhenStarted(app, startup);

app.UseGurukulForwardedHeaders();
// Localization next: error pages and problem details written on the way out must see the request's culture.
app.UseRequestLocalization();
app.UseRequestTiming();
app.UseResponseCompression();
app.UseGurukulErrors();
app.UseRequestTargetLimit();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseHttpsForPages(app.Environment);

app.UseSecurityHeaders();
app.UseGurukulApiReference();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseIdempotency();

app.MapGurukulStaticAssets();
app.MapGurukulHealth();
app.MapGurukulOpenApi();
app.MapLanguageSwitch();
app.MapReferenceApi();
app.MapReferenceAdministrationApi();
app.MapTermAdministrationApi();
app.MapAccountsApi();
app.MapAccountPages();
app.MapUserAdministrationApi();
app.MapStudentProfileApi();
app.MapProfilePhotoApi();
app.MapMentorProfileApi();
app.MapMentorSearchApi();
app.MapPublicMentorApi();
app.MapMentorVerificationApi();
app.MapRecommendationsApi();
app.MapDiscoveryFragments();
app.MapPlacesApi();
app.MapExchangeRatesApi();
app.MapMentorPreferencesApi();
app.MapMentorPreferencePages();
app.MapSchedulingApi();
app.MapSchedulingFragments();
app.MapPaymentsApi();
app.MapPaymentPages();
app.MapBookingsApi();
app.MapPayoutsApi();
app.MapWalletApi();
app.MapRealtimeApi();
app.MapNotificationsApi();
app.MapNotificationPages();
app.MapMessagingApi();
app.MapMessagingPages();
app.MapFileEndpoints();
app.MapGurukulPages<App>();

await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
