using Gurukul.Features.Accounts;
using Xunit;

namespace Gurukul.Tests.Features.Accounts;

public sealed class LinkTokensTests
{
    [Fact]
    public void Unpack_OfPack_GivesBackUserAndToken()
    {
        var packed = LinkTokens.Pack("user-42", "CfDJ8+token/with=base64");

        Assert.Equal(("user-42", "CfDJ8+token/with=base64"), LinkTokens.Unpack(packed));
        Assert.DoesNotContain('+', packed);
        Assert.DoesNotContain('/', packed);
        Assert.DoesNotContain('=', packed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("not base64!")]
    [InlineData("%%%%")]
    [InlineData("a")]
    [InlineData("bm8tc2VwYXJhdG9y")]
    public void Unpack_OfAnythingMalformed_IsNull(string? packed) => Assert.Null(LinkTokens.Unpack(packed));
}
