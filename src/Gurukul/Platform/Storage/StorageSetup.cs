using Gurukul.Platform.Data;
using Microsoft.Extensions.Options;

namespace Gurukul.Platform.Storage;

public static class StorageSetup
{
    /// <summary>
    /// The file storage port, configured from the <c>Storage</c> section: S3 when <c>Storage:S3:Bucket</c> is set, else local
    /// disk under <c>Storage:Local:Root</c> (default <c>&lt;data directory&gt;/files</c>); plus upload checks and signed links.
    /// </summary>
    public static IServiceCollection AddGurukulStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<StorageOptions>(configuration.GetSection("Storage"));
        services.PostConfigure<StorageOptions>(options =>
        {
            if (string.IsNullOrWhiteSpace(options.Local.Root))
            {
                options.Local.Root = Path.Combine(DatabaseSettings.DataDirectory(configuration, contentRoot), "files");
            }
            else if (!Path.IsPathRooted(options.Local.Root))
            {
                // Relative like Gurukul:DataDirectory: to the app, not to whatever directory it was started from.
                options.Local.Root = Path.GetFullPath(Path.Combine(contentRoot, options.Local.Root));
            }
        });
        services.AddSingleton<IFileStorage>(provider =>
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.S3.IsConfigured
                ? ActivatorUtilities.CreateInstance<S3Storage>(provider)
                : ActivatorUtilities.CreateInstance<LocalDiskStorage>(provider));
        services.AddScoped<Uploads>();
        services.AddHttpContextAccessor();
        services.AddSingleton<SignedFileLinks>();
        return services;
    }
}
