using Microsoft.Extensions.Options;
using NodaTime;

namespace Gurukul.Platform.Storage;

/// <summary>
/// Files under one directory (<c>Storage:Local:Root</c>), for the embedded single-node default. A file appears under its
/// key only when complete: it is written to a temporary file in the same root and then moved, which is atomic on one file system.
/// </summary>
public sealed partial class LocalDiskStorage(IOptions<StorageOptions> options, IClock clock, ILogger<LocalDiskStorage> logger) : IFileStorage
{
    // Hidden from keys: StorageKeys refuses segments that start with a dot.
    private const string TempDirectory = ".tmp";

    private readonly string _root = Path.GetFullPath(options.Value.Local.Root
        ?? throw new InvalidOperationException("Storage:Local:Root is not set; AddGurukulStorage gives it a default."));

    public string Root => _root;

    public async Task<StoredFile> SaveAsync(string area, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var key = StorageKeys.New(area, clock.GetCurrentInstant());
        var path = PathOf(key);
        var temp = Path.Combine(_root, TempDirectory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            (long Size, string Sha256) written;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                written = await HashingCopy.CopyAsync(content, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temp, path, overwrite: false);
            LogSaved(logger, key, written.Size);
            return new StoredFile(key, contentType, written.Size, written.Sha256);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone, with its month's directory.
        }

        LogDeleted(logger, key);
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    /// <summary>The file's path, refusing any key that could leave the root (<c>..</c>, absolute paths, backslashes).</summary>
    private string PathOf(string key)
    {
        StorageKeys.EnsureSafe(key);
        var path = Path.GetFullPath(Path.Combine(_root, key));
        // Belt and braces after the key check: whatever the platform's path rules, the result must lie inside the root.
        if (!path.StartsWith(_root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("The storage key leaves the storage root.", nameof(key));
        }

        return path;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored file {Key} ({SizeBytes} bytes) on local disk")]
    private static partial void LogSaved(ILogger logger, string key, long sizeBytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted file {Key} from local disk")]
    private static partial void LogDeleted(ILogger logger, string key);
}
