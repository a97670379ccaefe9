using System.Collections.Frozen;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace Gurukul.Features.Accounts;

/// <summary>
/// The 49,000 most common passwords (zxcvbn's list, from the npm package <c>@zxcvbn-ts/language-common</c> 4.1.3, MIT,
/// embedded at build with its licence as <c>security/common-passwords.LICENSE.txt</c>), lower-cased.
/// </summary>
public sealed class CommonPasswords
{
    private readonly FrozenSet<string> _passwords;

    public CommonPasswords()
    {
        using var list = typeof(CommonPasswords).Assembly.GetManifestResourceStream("security/common-passwords.json")
            ?? throw new InvalidOperationException("The common-password list was not embedded: the build copies it from node_modules (npm install).");
        _passwords = JsonSerializer.Deserialize<string[]>(list)!.Select(p => p.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);
    }

    public int Count => _passwords.Count;

    public bool Contains(string lowerCasePassword) => _passwords.Contains(lowerCasePassword);
}

/// <summary>
/// What NIST SP 800-63B asks of a new password beyond its length: not one that attackers try first, and nothing about the
/// person themselves (docs/adr/0018-account-protection.md). Refused: a common password in any letter case, or one padded
/// with digits and symbols ("Monkey2024!"); fewer than five different characters; the email's local part (3+ characters)
/// or any part of the name (4+ characters) inside it.
/// </summary>
public sealed class PasswordRules(CommonPasswords common) : IPasswordValidator<User>
{
    public const string TooCommon = "PasswordTooCommon";
    public const string Personal = "PasswordContainsPersonalInfo";

    private const int MinimumDistinctCharacters = 5;
    private const int MinimumEmailPart = 3;
    private const int MinimumNamePart = 4;

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.ToLowerInvariant();
        if (IsCommon(lower))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = TooCommon, Description = "The password is too common." }));
        }

        return Task.FromResult(PersonalParts(user).Any(part => lower.Contains(part, StringComparison.Ordinal))
            ? IdentityResult.Failed(new IdentityError { Code = Personal, Description = "The password contains the name or email." })
            : IdentityResult.Success);
    }

    private bool IsCommon(string lower)
    {
        if (lower.Distinct().Count() < MinimumDistinctCharacters || common.Contains(lower))
        {
            return true;
        }

        // "password" with digits or symbols around it is still the first thing tried.
        var core = lower.Trim([.. lower.Where(c => !char.IsLetter(c)).Distinct()]);
        return core.Length > 0 && core.Length < lower.Length && common.Contains(core);
    }

    private static IEnumerable<string> PersonalParts(User? user)
    {
        if (user?.Email is { } email && email.Split('@')[0].ToLowerInvariant() is { Length: >= MinimumEmailPart } local)
        {
            yield return local;
        }

        var name = user?.Name?.ToLowerInvariant() ?? "";
        var parts = name.Split((char[])[' ', '.', '-', '_', '\''], StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts.Append(string.Concat(parts)).Where(p => p.Length >= MinimumNamePart))
        {
            yield return part;
        }
    }
}
