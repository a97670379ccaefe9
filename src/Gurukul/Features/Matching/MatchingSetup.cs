using Gurukul.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Matching;

public static class MatchingSetup
{
    /// <summary>Recommendations and preferences, with weights from the <c>Matching</c> section checked at start-up.</summary>
    public static IServiceCollection AddGurukulMatching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MatchingOptions>().Bind(configuration.GetSection("Matching")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MatchingOptions>, MatchingOptionsValidator>();
        services.AddScoped<RecommendationInvalidation>();
        services.AddScoped<RecommendationService>();
        services.AddScoped<PreferenceCursors>();
        services.AddScoped<MentorPreferencesService>();
        services.AddJobHandler<StudentChangedJob>();
        services.AddJobHandler<MentorChangedJob>();
        return services;
    }
}
