using Gurukul.Features.Mentors.Pages;
using Gurukul.Platform;
using Xunit;

namespace Gurukul.Tests.Features;

public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData(80000, "INR", "₹800")]
    [InlineData(12000000, "INR", "₹1,20,000")]
    [InlineData(4050, "USD", "$40.50")]
    public void Format_ShowsAmountsAsPeopleWriteThem(long minor, string currency, string expected) =>
        Assert.Equal(expected, MoneyFormat.Format(new Money(minor, currency)));
}
