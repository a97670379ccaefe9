using Gurukul.Features.Accounts;
using Gurukul.Features.Reference;
using Gurukul.Platform.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gurukul.Features.Prices;

/// <summary>The reference exchange rates prices are converted with (ADR 0023): public to read, admins to change.</summary>
public static class ExchangeRateEndpoints
{
    public static IEndpointRouteBuilder MapExchangeRatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/exchange-rates", List).WithName("ListExchangeRates").WithTags("Reference data").AllowAnonymous()
            .WithSummary("The reference rates prices are converted with: rupees per unit of each currency, with the date and source of each");
        app.MapPut("/api/v1/admin/reference/exchange-rates/{currency}", Set).WithName("SetExchangeRate")
            .WithTags("Reference data administration").RequireAuthorization(Policies.Admin)
            .WithSummary("Set a currency's reference rate: { rupeesPerUnit, asOf (YYYY-MM-DD), source }");
        return app;
    }

    private static async Task<Ok<ListResponse<ExchangeRateDto>>> List(ExchangeRates rates, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ListResponse<ExchangeRateDto>(await rates.ListAsync(cancellationToken), null));

    private static async Task<Ok<ExchangeRateDto>> Set(
        string currency, ExchangeRateRequest request, ExchangeRates rates, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rates.SetAsync(ReferenceEditor.From(http), currency, request, cancellationToken));
}
