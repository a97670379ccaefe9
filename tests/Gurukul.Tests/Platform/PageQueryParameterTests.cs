using System.Reflection;
using Microsoft.AspNetCore.Components;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed class PageQueryParameterTests
{
    // A typed query parameter (int, Guid, DateOnly …) throws while the page is being set up when a link carries a value it
    // cannot parse (?page=abc): the user gets a server error for a typo. Pages take strings and parse them themselves.
    [Fact]
    public void EveryQueryParameter_OfEveryPage_IsAString()
    {
        var typed = typeof(Program).Assembly.GetTypes()
            .Where(type => typeof(IComponent).IsAssignableFrom(type))
            .SelectMany(type => type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(property => property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null)
            .Where(property => property.PropertyType != typeof(string) && property.PropertyType != typeof(string[]))
            .Select(property => $"{property.DeclaringType!.Name}.{property.Name} ({property.PropertyType.Name})")
            .ToList();

        Assert.True(typed.Count == 0, "Query parameters that are not strings: " + string.Join(", ", typed));
    }
}
