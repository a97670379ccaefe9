using System.Net;
using Gurukul.Platform.Data;
using Gurukul.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gurukul.Tests.Infrastructure;
using Xunit;

namespace Gurukul.Tests.Platform;

public sealed class DataProtectionTests
{
    [Theory, AllProviders]
    public async Task ALinkMintedByOneNode_WorksOnAnother_SharingTheDatabase(DatabaseProvider provider)
    {
        await using var nodeA = await GurukulApp.StartAsync(provider);
        await using var nodeB = new GurukulApp(nodeA.Database, ownsDatabase: false);
        var email = ApiClient.NewEmail();
        await nodeA.CreateClient().RegisterAsync(email);
        var token = await nodeA.MailedTokenAsync(email, "account.confirm_email");

        var confirmed = await nodeB.CreateClient().PostAsync("/api/v1/auth/email/confirm", new { token });

        await confirmed.JsonAsync(HttpStatusCode.NoContent);
        // The key that signed the link is in the shared database, not in a file of one machine.
        await using var scope = nodeB.Scope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<GurukulDbContext>().Set<DataProtectionKey>().AnyAsync());
    }
}
