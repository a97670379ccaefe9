using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Gurukul.Features.Accounts;

/// <summary>
/// What a sign-in with an unknown email verifies its password against, so that it costs what a wrong password for a real
/// account costs: a hash of a random password nobody knows, made by the app's own hasher with the app's own settings
/// (algorithm, iterations, salt size). A decoy made with other settings took half the time and told accounts apart.
/// </summary>
public sealed class PasswordDecoy
{
    private static readonly User Nobody = new() { Name = "" };
    private string? _hash;

    /// <summary>Spends one verification's work with <paramref name="hasher"/> (Identity's, as for real accounts); always "wrong".</summary>
    public void Verify(IPasswordHasher<User> hasher, string password) =>
        hasher.VerifyHashedPassword(Nobody, _hash ??= hasher.HashPassword(Nobody, RandomNumberGenerator.GetHexString(32)), password);
}
