using System.Security.Claims;
using Gurukul.Features.Accounts;
using Gurukul.Platform.Errors;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Extensions;

namespace Gurukul.Features.Payments;

/// <summary>
/// The form side of checkout: the sandbox's buttons (without JavaScript) and Razorpay Checkout's return. Both answer with a 303
/// to the page the purchase names, or back to the checkout page when the payment did not go through.
/// </summary>
public static class PaymentPages
{
    public static IEndpointRouteBuilder MapPaymentPages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/payments/{paymentId}/sandbox", async (string paymentId, ClaimsPrincipal principal, ProviderCheckouts checkouts, IAntiforgery antiforgery, HttpContext http) =>
            {
                // Checked here rather than by binding [FromForm]: a failed check there throws, and the error page cannot be
                // re-executed for a POST (see MentorPreferencePages).
                if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
                {
                    return SeeOther(http, "/error/400");
                }

                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                var payerId = AccountsEndpoints.UserId(principal);
                try
                {
                    var view = await checkouts.PlaySandboxAsync(payerId, paymentId, form["outcome"], http.RequestAborted);
                    var payment = await checkouts.PayersAsync(payerId, paymentId, http.RequestAborted);
                    return view.Status == "succeeded"
                        ? SeeOther(http, WithQuery(LocalUrls.OrFallback(payment.ReturnPath, "/payments"), "payment", "succeeded"))
                        : SeeOther(http, PaymentLinks.CheckoutPath(payment.Id) + "?payment=failed");
                }
                catch (ConflictException)
                {
                    // Paid or closed meanwhile (another tab): the checkout page says which.
                    return SeeOther(http, $"/payments/{Uri.EscapeDataString(paymentId)}/checkout");
                }
                catch (DomainException refused)
                {
                    return SeeOther(http, $"/error/{ProblemMapping.StatusFor(refused)}");
                }
            })
            .RequireAuthorization(Policies.Student)
            .DisableAntiforgery()
            .ExcludeFromDescription();

        // Razorpay posts here from its own site (a cross-site POST carries no session cookie and no antiforgery token): the
        // checkout signature over order and payment id is what proves the result.
        app.MapPost("/payments/{paymentId}/razorpay", async (string paymentId, ProviderCheckouts checkouts, HttpContext http) =>
            {
                var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(http.RequestAborted) : FormCollection.Empty;
                if (!form.ContainsKey("razorpay_signature"))
                {
                    // Razorpay's failure return (error[code], error[description]): back to the checkout to try again.
                    return SeeOther(http, $"/payments/{Uri.EscapeDataString(paymentId)}/checkout?payment=failed");
                }

                var payment = await checkouts.RazorpayReturnAsync(paymentId, form["razorpay_order_id"], form["razorpay_payment_id"], form["razorpay_signature"], http.RequestAborted);
                return payment is null
                    ? SeeOther(http, "/error/400")
                    : SeeOther(http, WithQuery(LocalUrls.OrFallback(payment.ReturnPath, "/payments"), "payment", "succeeded"));
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    private static IResult SeeOther(HttpContext http, string url)
    {
        http.Response.Headers.Location = url;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static string WithQuery(string path, string name, string value)
    {
        var queryAt = path.IndexOf('?', StringComparison.Ordinal);
        var query = queryAt < 0 ? new QueryBuilder() : new QueryBuilder(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(path[queryAt..]).Where(q => q.Key != name));
        query.Add(name, value);
        return (queryAt < 0 ? path : path[..queryAt]) + query;
    }
}
