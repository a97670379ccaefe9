using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Features.Audit;
using Gurukul.Features.Payments;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Idempotency;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Gurukul.Features.Payouts;

/// <summary>API.md "Payments and money", the parts that pay mentors (docs/adr/0030).</summary>
public static class PayoutsEndpoints
{
    public static IEndpointRouteBuilder MapPayoutsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Payouts");
        // Takes the password (or a code) again: limited like sign-in, and wrong guesses count toward the lockout.
        me.MapPut("/payout-method", ChangeMethod).RequireAuthorization(Policies.Mentor).RequireRateLimiting(Policies.AuthRateLimit).WithName("SetPayoutMethod")
            .WithSummary("Set where payouts go: a UPI id, or a bank account and IFSC; needs the password (or a TOTP code with two-factor on)")
            .WithDescription("Answers the method with the UPI id or account number masked, and mails the mentor. 400 names a field that cannot be right; "
                + "403 without the password or code, or with a wrong one (wrong ones count toward the account's lockout: 429 once locked).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        me.MapGet("/payout-method", GetMethod).RequireAuthorization(Policies.Mentor).WithName("GetPayoutMethod")
            .WithSummary("The mentor's payout method, masked; 404 before the first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/payouts", MyPayouts).RequireAuthorization(Policies.Mentor).WithName("ListMyPayouts")
            .WithSummary("The mentor's payouts, newest first (at most 100), with the bank's reference once paid");

        var admin = app.MapGroup("/api/v1/admin/payouts").WithTags("Payouts");
        admin.MapPost("/run", Run).RequireAuthorization(Policies.Admin).RequireIdempotency().WithName("RunPayouts")
            .WithSummary("Pay the week ending periodEnd (a past Sunday; default the last one): { periodEnd? } → { created, total }")
            .WithDescription("Creates a payout for every mentor with a payout method and at least the minimum available; running a period again creates nothing new.")
            .ProducesValidationProblem();
        admin.MapGet("", ListPayouts).RequireAuthorization(Policies.Staff).WithName("ListPayouts")
            .WithSummary("Payouts, newest first (at most 200), optionally of one status: pending, paid, failed")
            .ProducesValidationProblem();
        admin.MapPost("/{payoutId}/retry", Retry).RequireAuthorization(Policies.Admin).RequireIdempotency().WithName("RetryPayout")
            .WithSummary("Send a failed payout again, to the mentor's current method")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost("/api/v1/payouts/webhooks/{provider}", Webhook).WithTags("Payouts").AllowAnonymous().RequireRateLimiting(PaymentsEndpoints.WebhookRateLimit)
            .WithName("ReceivePayoutWebhook")
            .WithSummary("A payout provider's signed event (RazorpayX: payout.processed, payout.failed, payout.reversed with X-Razorpay-Signature)")
            .WithDescription("200 once handled; a replayed event, or one about no current payout, changes nothing and is 200 too. A bad signature is 400; "
                + "a provider Gurukul does not pay out with is 404.")
            .Accepts<object>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<PayoutMethodDto>> ChangeMethod(
        PayoutMethodRequest request, ClaimsPrincipal principal, PayoutMethods methods, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await methods.ChangeAsync(AccountsEndpoints.UserId(principal), request, ClientInfo.From(http), cancellationToken));

    private static async Task<Ok<PayoutMethodDto>> GetMethod(ClaimsPrincipal principal, PayoutMethods methods, IStringLocalizer<Strings> text, CancellationToken cancellationToken) =>
        TypedResults.Ok(await methods.FindAsync(AccountsEndpoints.UserId(principal), cancellationToken) ?? throw new NotFoundException(text["payouts.no_method"]));

    private static async Task<Ok<ListResponse<PayoutDto>>> MyPayouts(ClaimsPrincipal principal, PayoutsService payouts, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ListResponse<PayoutDto>(await payouts.MineAsync(AccountsEndpoints.UserId(principal), cancellationToken), null));

    private static async Task<Ok<PayoutRunDto>> Run(PayoutRunRequest? request, ClaimsPrincipal principal, PayoutsService payouts, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await payouts.RunAsync(request?.PeriodEnd, AccountsEndpoints.UserId(principal), ClientInfo.From(http), cancellationToken));

    private static async Task<Ok<ListResponse<AdminPayoutDto>>> ListPayouts(string? status, PayoutsService payouts, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ListResponse<AdminPayoutDto>(await payouts.ListAsync(status, 200, cancellationToken), null));

    private static async Task<Ok<PayoutDto>> Retry(string payoutId, ClaimsPrincipal principal, PayoutsService payouts, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await payouts.RetryAsync(payoutId, AccountsEndpoints.UserId(principal), ClientInfo.From(http), cancellationToken));

    private static async Task<Ok> Webhook(string provider, HttpRequest request, PayoutsService payouts, IStringLocalizer<Strings> text, CancellationToken cancellationToken)
    {
        var body = await WebhookBodies.ReadAsync(request, text, cancellationToken);
        await payouts.ReceiveAsync(provider.ToLowerInvariant(), request.Headers, body, cancellationToken);
        return TypedResults.Ok();
    }
}
