using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Wallet;

/// <summary>API.md "Payments and money": the wallet and the referral link (docs/adr/0031).</summary>
public static class WalletEndpoints
{
    public static IEndpointRouteBuilder MapWalletApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Wallet").RequireAuthorization();
        me.MapGet("/wallet", Wallet).WithName("GetMyWallet")
            .WithSummary("Wallet credit: the balance, the latest movements (starter, referral, refund, spent, expired) and what lapses within 30 days");
        me.MapGet("/referral", Referral).WithName("GetMyReferral")
            .WithSummary("The referral link to share and the credit it has earned (both sides get credit after the new student's first paid session)");
        return app;
    }

    private static async Task<Ok<WalletDto>> Wallet(ClaimsPrincipal principal, WalletService wallet, CancellationToken cancellationToken) =>
        TypedResults.Ok(await wallet.GetAsync(AccountsEndpoints.UserId(principal), cancellationToken));

    private static async Task<Ok<ReferralDto>> Referral(ClaimsPrincipal principal, WalletService wallet, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await wallet.GetReferralAsync(AccountsEndpoints.UserId(principal), PublicUrls.BaseUrl(http), cancellationToken));
}
