using System.Text;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Accounts;

/// <summary>What a failed Identity operation means for the caller.</summary>
public static class IdentityOutcomes
{
    /// <summary>
    /// Another request changed the same account a moment earlier (Identity's optimistic concurrency stamp): a 409 the
    /// caller can retry, not a server fault. Any other failure is a bug and stays one.
    /// </summary>
    public static void ThrowIfFailed(IdentityResult result, IStringLocalizer<Strings> text)
    {
        if (result.Succeeded)
        {
            return;
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            throw new ConflictException(text["account.changed_meanwhile"]);
        }

        throw new InvalidOperationException(new StringBuilder("Identity operation failed: ").AppendJoin("; ", result.Errors.Select(e => e.Code)).ToString());
    }
}
