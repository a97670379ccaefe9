namespace Gurukul.Platform.Storage;

/// <summary>
/// Where uploaded files live: local disk by default, S3-compatible object storage when configured
/// (docs/adr/0008-file-storage.md). The storage chooses every key, so no user-supplied name ever reaches a path.
/// Callers keep the returned <see cref="StoredFile"/> (with their own metadata, such as the original name) in the database.
/// </summary>
public interface IFileStorage
{
    /// <summary>Stores <paramref name="content"/> under a new key <c>{area}/{yyyy}/{MM}/{32 hex}</c> and returns what was stored.</summary>
    Task<StoredFile> SaveAsync(string area, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>The file's bytes, or null when no file has this key. The caller disposes the stream.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the file; removing a file that is already gone is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}

/// <summary>A stored file: its key, the content type it was stored with, its size and SHA-256 (lowercase hex).</summary>
public sealed record StoredFile(string Key, string ContentType, long SizeBytes, string Sha256);
