namespace Gurukul.Platform.Jobs;

public static class JobsSetup
{
    /// <summary>The durable job queue (<see cref="JobQueue"/>) and this node's runner, configured from the <c>Jobs</c> section.</summary>
    public static IServiceCollection AddGurukulJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JobOptions>(configuration.GetSection("Jobs"));
        services.AddSingleton<JobSignal>();
        services.AddScoped<JobQueue>();
        services.AddScoped<JobStore>();
        services.AddHostedService<JobRunner>();
        services.AddHostedService<RecurringJobSeeder>();
        return services;
    }

    /// <summary>Registers the handler of one job kind; it is resolved in the job's own scope for every run.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler
    {
        services.AddScoped<IJobHandler, THandler>();
        return services;
    }

    /// <summary>Registers a job that runs every <see cref="IRecurringJob.Interval"/>, its first run queued at start-up.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string kind)
        where TJob : class, IRecurringJob
    {
        services.AddScoped<TJob>();
        services.AddScoped<IJobHandler, RecurringJobHandler<TJob>>();
        services.AddSingleton(new RecurringJobKind(kind));
        return services;
    }
}
