namespace Gurukul.Features.Reference;

/// <summary>
/// A feature that stores reference codes in its own rows (profiles keep language codes, subject slugs, board codes).
/// Reference data asks every one of them before deleting a code, so a code in use never disappears from under the rows
/// that hold it, while each feature's tables stay its own. Register implementations as <c>IReferenceDataUsage</c>.
/// </summary>
public interface IReferenceDataUsage
{
    /// <summary>How many of this feature's records use the language (as primary or any other language).</summary>
    Task<int> CountLanguageUsesAsync(string code, CancellationToken cancellationToken);

    Task<int> CountSubjectUsesAsync(string slug, CancellationToken cancellationToken);

    Task<int> CountBoardUsesAsync(string code, CancellationToken cancellationToken);
}
