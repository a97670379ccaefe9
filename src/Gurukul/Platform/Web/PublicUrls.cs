using Microsoft.Extensions.Options;

namespace Gurukul.Platform.Web;

/// <summary>
/// The base of links in emails: <c>Gurukul:PublicBaseUrl</c>. Production requires it and will not start without it, so a
/// forged Host header can never shape a mailed password-reset link (docs/adr/0017-behind-a-proxy.md). Elsewhere, when it
/// is unset, the request's own scheme and host are used, which is right for a developer's machine.
/// </summary>
public static class PublicUrls
{
    public const string Setting = "Gurukul:PublicBaseUrl";

    public static IServiceCollection AddGurukulPublicUrls(this IServiceCollection services)
    {
        services.AddOptions<PublicUrlOptions>()
            .BindConfiguration("Gurukul")
            .Validate<IHostEnvironment>((options, environment) => options.PublicBaseUrl is { Length: > 0 } || !environment.IsProduction(),
                $"{Setting} must be set in Production (for example Gurukul__PublicBaseUrl=https://gurukul.example.org): links in emails are built " +
                "from it, never from a request's Host header, which anyone can forge.")
            .Validate(options => options.PublicBaseUrl is not { Length: > 0 } url || IsBaseUrl(url),
                $"{Setting} must be an absolute http or https URL without a query, such as https://gurukul.example.org.")
            .ValidateOnStart();
        return services;
    }

    public static string BaseUrl(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<PublicUrlOptions>>().Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    private static bool IsBaseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}

public sealed class PublicUrlOptions
{
    public string? PublicBaseUrl { get; set; }
}
