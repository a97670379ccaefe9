using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Gurukul.Platform.Data;

/// <summary>Stores an enum as its API spelling (<c>documents_under_review</c>), so the database reads like the contract.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => SnakeCaseNames.ToSnakeCase(value.ToString()),
    stored => Parse(stored))
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToDictionary(v => SnakeCaseNames.ToSnakeCase(v.ToString()), StringComparer.Ordinal);

    private static TEnum Parse(string stored) => ByName[stored];
}
