namespace Gurukul.Tests.Infrastructure;

/// <summary>Where the repository and the built app are, found from the test assembly's own location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "Gurukul");

    /// <summary>The Gurukul.dll built in the same configuration as the tests (Debug or Release).</summary>
    public static string AppAssembly
    {
        get
        {
            var segments = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var configuration = segments[Array.LastIndexOf(segments, "bin") + 1];
            return Path.Combine(WebProject, "bin", configuration, "net10.0", "Gurukul.dll");
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gurukul.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Gurukul.slnx not found above " + AppContext.BaseDirectory);
    }
}
