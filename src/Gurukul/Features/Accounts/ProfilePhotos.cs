using Gurukul.Platform.Data;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Accounts;

/// <summary>
/// A user's profile photo: a public file (<see cref="PublicFiles"/>) whose key is on the user. A new photo is a new key
/// and URL, so caches never show the old one; the replaced file is removed.
/// </summary>
public sealed class ProfilePhotos(GurukulDbContext db, Uploads uploads, IFileStorage storage, IStringLocalizer<Strings> text, ILogger<ProfilePhotos> logger)
{
    /// <summary>Where the user's photo is served, or null when they have none.</summary>
    public async Task<string?> UrlAsync(string userId, CancellationToken cancellationToken) =>
        await CurrentKeyAsync(userId, cancellationToken) is { } key ? PublicFiles.Url(key) : null;

    /// <summary>
    /// Stores <paramref name="file"/> (JPEG or PNG by its bytes, at most 5 MB: else 400 on <c>file</c> or 413) as the user's
    /// photo and returns its URL.
    /// </summary>
    public async Task<string> ReplaceAsync(string userId, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            throw new ValidationException(Uploads.Field, text["photo.required"]);
        }

        // Checked before storing anything, so an unknown user leaves no file behind.
        await CurrentKeyAsync(userId, cancellationToken);
        var stored = await uploads.StoreUploadAsync(file, UploadPolicy.Photos, UploadPolicy.Photos.Name, cancellationToken);
        try
        {
            await SwapAsync(userId, stored.Key, cancellationToken);
        }
        catch (ConflictException)
        {
            await DeleteUnusedAsync(stored.Key);
            throw;
        }

        return PublicFiles.Url(stored.Key);
    }

    /// <summary>Removes the user's photo; removing when there is none is not an error.</summary>
    public Task RemoveAsync(string userId, CancellationToken cancellationToken) => SwapAsync(userId, null, cancellationToken);

    // Compare-and-swap on the key: of two photos uploaded at the same moment the last one written stays, and every
    // replaced file is removed, never one still in use.
    private async Task SwapAsync(string userId, string? newKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await CurrentKeyAsync(userId, cancellationToken);
            var swapped = await db.Users.Where(u => u.Id == userId && u.PhotoKey == current)
                .ExecuteUpdateAsync(set => set.SetProperty(u => u.PhotoKey, newKey), cancellationToken);
            if (swapped == 0)
            {
                continue;
            }

            if (current is not null)
            {
                await DeleteUnusedAsync(current);
            }

            return;
        }

        throw new ConflictException(text["photo.busy"]);
    }

    private async Task DeleteUnusedAsync(string key)
    {
        try
        {
            // Not the request's token: the new photo is already saved, so the old file goes even if the client hangs up now.
            await storage.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The user's photo is already settled; a storage hiccup only leaves an unused file, which is not worth failing for.
            logger.LogWarning(exception, "Could not delete the photo file {Key}; it is no longer used.", key);
        }
    }

    private async Task<string?> CurrentKeyAsync(string userId, CancellationToken cancellationToken) =>
        (await db.Users.Where(u => u.Id == userId).Select(u => new { u.PhotoKey }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(text["photo.no_user"])).PhotoKey;
}
