using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.Extensions.Localization;

namespace Gurukul.Platform.Storage;

/// <summary>Checks an uploaded file against an <see cref="UploadPolicy"/> by its bytes, then stores it.</summary>
public sealed class Uploads(IFileStorage storage, IStringLocalizer<Strings> text)
{
    public const string Field = "file";

    /// <summary>
    /// Stores <paramref name="file"/> under <paramref name="area"/> with the content type its bytes prove. Refuses an empty
    /// file, a type the policy does not allow or a file whose structure is not that type's (<see cref="FileStructure"/>)
    /// with a <see cref="ValidationException"/> on <c>file</c> (400), and a file above the policy's size with a
    /// <see cref="PayloadTooLargeException"/> (413). The file's name and declared type are ignored.
    /// </summary>
    public async Task<StoredFile> StoreUploadAsync(IFormFile file, UploadPolicy policy, string area, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            throw new ValidationException(Field, text["upload.empty"]);
        }

        if (file.Length > policy.MaxBytes)
        {
            throw new PayloadTooLargeException(text["upload.too_large", policy.MaxMegabytes]);
        }

        string? contentType;
        await using (var header = file.OpenReadStream())
        {
            contentType = await FileInspector.DetectAsync(header, cancellationToken);
        }

        if (contentType is null || !policy.Allows(contentType))
        {
            throw new ValidationException(Field, text["upload.type_not_allowed", string.Join(", ", policy.AllowedTypes.Select(FileInspector.Label))]);
        }

        // A form file can be opened again: each stream starts at the first byte.
        bool wellFormed;
        await using (var whole = file.OpenReadStream())
        {
            wellFormed = await FileStructure.IsWellFormedAsync(whole, contentType, cancellationToken);
        }

        if (!wellFormed)
        {
            throw new ValidationException(Field, text["upload.damaged", FileInspector.Label(contentType)]);
        }

        await using var content = file.OpenReadStream();
        return await storage.SaveAsync(area, content, contentType, cancellationToken);
    }
}
