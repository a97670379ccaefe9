using Gurukul.Platform.Data;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed class SnakeCaseNamesTests
{
    [Theory]
    [InlineData("MentorProfiles", "mentor_profiles")]
    [InlineData("NormalizedEmail", "normalized_email")]
    [InlineData("PK_MentorProfiles", "pk_mentor_profiles")]
    [InlineData("IX_Users_NormalizedEmail", "ix_users_normalized_email")]
    [InlineData("DocumentsUnderReview", "documents_under_review")]
    [InlineData("Id", "id")]
    public void ToSnakeCase_SplitsWordsWithUnderscores(string name, string expected) =>
        Assert.Equal(expected, SnakeCaseNames.ToSnakeCase(name));
}
