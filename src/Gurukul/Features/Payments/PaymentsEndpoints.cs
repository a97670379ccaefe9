using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Features.Payments.Coupons;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Idempotency;
using Gurukul.Platform.Localization;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Gurukul.Features.Payments;

/// <summary>API.md "Payments and money", the parts that concern a purchase (docs/adr/0025-payments.md).</summary>
public static class PaymentsEndpoints
{
    /// <summary>Rate-limiter policy of the webhook endpoint (per client address).</summary>
    public const string WebhookRateLimit = "payments-webhooks";

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/api/v1/payments").WithTags("Payments and money");
        payments.MapPost("/webhooks/{provider}", Webhook).AllowAnonymous().RequireRateLimiting(WebhookRateLimit).WithName("ReceivePaymentWebhook")
            .WithSummary("A payment provider's signed event (X-Razorpay-Signature, Stripe-Signature, X-Sandbox-Signature over the raw body)")
            .WithDescription("200 once handled; a replayed or unknown event changes nothing and is 200 too. A bad signature is 400 and changes nothing; "
                + "a provider Gurukul does not take payments with is 404.")
            .Accepts<object>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        if (app.ServiceProvider.GetRequiredService<IOptions<PaymentOptions>>().Value.Provider == PaymentProviders.Sandbox)
        {
            payments.MapPost("/{paymentId}/sandbox", PlaySandbox).RequireAuthorization().RequireIdempotency().WithName("PlaySandboxCheckout")
                .WithSummary("Sandbox only: finish the checkout as the student would ({ outcome: \"succeeded\"|\"failed\" })")
                .WithDescription("Reaches the payment through a signed webhook, as a real provider does. Exists only while the sandbox is the active "
                    + "provider. 404 for a payment that is not the caller's; 409 once it is paid or its checkout has closed.")
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        }

        var me = app.MapGroup("/api/v1/me").WithTags("Payments and money");
        me.MapGet("/payments", ListPayments).RequireAuthorization(Policies.Student).WithName("ListMyPayments")
            .WithSummary("The student's payments, newest first, with refunds and invoice links")
            .ProducesValidationProblem();
        me.MapGet("/payments/{paymentId}/invoice.pdf", Invoice).RequireAuthorization(Policies.Student).WithName("GetPaymentInvoice")
            .WithSummary("The GST-ready invoice of a paid payment (PDF)")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/earnings", Earnings).RequireAuthorization(Policies.Mentor).WithName("GetMyEarnings")
            .WithSummary("The mentor's money: in escrow, available, paid out, and per paid session what it earns")
            .WithDescription("Items are newest first; pass nextCursor back as cursor for more. nextPayoutOn is the next Monday in the platform's zone.")
            .ProducesValidationProblem();

        var admin = app.MapGroup("/api/v1/admin").WithTags("Payments and money");
        admin.MapGet("/finance/summary", Summary).RequireAuthorization(Policies.Staff).WithName("GetFinanceSummary")
            .WithSummary("Money over calendar days from–to (inclusive, the platform's zone; default this month) in one currency (default INR)")
            .ProducesValidationProblem();
        admin.MapGet("/ledger/check", CheckLedger).RequireAuthorization(Policies.Staff).WithName("CheckLedger")
            .WithSummary("Whether every ledger transaction sums to zero, each account's balance, and how many transactions there are");
        admin.MapPost("/coupons", CreateCoupon).RequireAuthorization(Policies.Admin).RequireIdempotency().WithName("CreateCoupon")
            .WithSummary("Create a coupon: { code, percentOff? | amountOff?: Money, maxRedemptions?, validUntil? }")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/coupons/{code}", GetCoupon).RequireAuthorization(Policies.Staff).WithName("GetCoupon")
            .WithSummary("A coupon with its redemptions so far and the checkouts still holding one")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok> Webhook(string provider, HttpRequest request, PaymentEvents events, IStringLocalizer<Strings> text, CancellationToken cancellationToken)
    {
        var body = await WebhookBodies.ReadAsync(request, text, cancellationToken);
        await events.ReceiveAsync(provider.ToLowerInvariant(), request.Headers, body, cancellationToken);
        return TypedResults.Ok();
    }

    private static async Task<Ok<PaymentViewDto>> PlaySandbox(
        string paymentId, SandboxOutcomeRequest? request, ClaimsPrincipal principal, ProviderCheckouts checkouts, CancellationToken cancellationToken) =>
        TypedResults.Ok(PaymentViewDto.From(await checkouts.PlaySandboxAsync(AccountsEndpoints.UserId(principal), paymentId, request?.Outcome, cancellationToken)));

    private static async Task<Ok<ListResponse<PaymentDto>>> ListPayments(
        string? limit, string? cursor, ClaimsPrincipal principal, PaymentHistory history, CancellationToken cancellationToken)
    {
        var (items, next) = await history.ListAsync(AccountsEndpoints.UserId(principal), limit, cursor, cancellationToken);
        return TypedResults.Ok(new ListResponse<PaymentDto>(items, next));
    }

    private static async Task<FileContentHttpResult> Invoice(string paymentId, ClaimsPrincipal principal, Invoices.Invoices invoices, CancellationToken cancellationToken)
    {
        var (pdf, fileName) = await invoices.RenderAsync(AccountsEndpoints.UserId(principal), paymentId, cancellationToken);
        return TypedResults.File(pdf, "application/pdf", fileName);
    }

    private static async Task<Ok<EarningsDto>> Earnings(string? limit, string? cursor, ClaimsPrincipal principal, PaymentHistory history, CancellationToken cancellationToken) =>
        TypedResults.Ok(await history.EarningsAsync(AccountsEndpoints.UserId(principal), limit, cursor, cancellationToken));

    private static async Task<Ok<FinanceSummaryDto>> Summary(string? from, string? to, string? currency, PaymentHistory history, CancellationToken cancellationToken) =>
        TypedResults.Ok(await history.SummaryAsync(from, to, currency, cancellationToken));

    private static async Task<Ok<LedgerCheckDto>> CheckLedger(Ledger.LedgerService ledger, CancellationToken cancellationToken) =>
        TypedResults.Ok(LedgerCheckDto.From(await ledger.CheckAsync(cancellationToken)));

    private static async Task<Created<CouponDto>> CreateCoupon(CouponRequest request, ClaimsPrincipal principal, CouponsService coupons, CancellationToken cancellationToken)
    {
        var coupon = await coupons.CreateAsync(AccountsEndpoints.UserId(principal), request, cancellationToken);
        return TypedResults.Created($"/api/v1/admin/coupons/{Uri.EscapeDataString(coupon.Code)}", coupon);
    }

    private static async Task<Ok<CouponDto>> GetCoupon(string code, CouponsService coupons, IStringLocalizer<Strings> text, CancellationToken cancellationToken) =>
        TypedResults.Ok(await coupons.FindAsync(code, cancellationToken) ?? throw new NotFoundException(text["coupons.not_found"]));
}
