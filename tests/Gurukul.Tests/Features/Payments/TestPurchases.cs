using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gurukul.Features.Payments;
using Gurukul.Features.Payments.Providers;
using Gurukul.Platform;
using Gurukul.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Gurukul.Tests.Features.Payments;

/// <summary>What the test seller was told, and what it answers: Accepted unless a purchase was marked to be rejected.</summary>
public sealed class TestPurchaseLog
{
    public ConcurrentQueue<PaymentSucceeded> Succeeded { get; } = new();
    public ConcurrentQueue<PaymentFailed> Failed { get; } = new();
    public ConcurrentDictionary<string, bool> Rejects { get; } = new();

    public int SucceededCount(string purchaseId) => Succeeded.Count(p => p.PurchaseId == purchaseId);

    public int FailedCount(string purchaseId) => Failed.Count(p => p.PurchaseId == purchaseId);
}

/// <summary>The seller a test plays: what Bookings will be, minus bookings.</summary>
public sealed class TestPurchaseListener(TestPurchaseLog log) : IPurchaseListener
{
    public const string PurchaseKind = "test";

    public string Kind => PurchaseKind;

    public Task<PurchaseDecision> OnPaymentSucceededAsync(PaymentSucceeded payment, CancellationToken cancellationToken)
    {
        log.Succeeded.Enqueue(payment);
        return Task.FromResult(log.Rejects.ContainsKey(payment.PurchaseId) ? PurchaseDecision.Rejected : PurchaseDecision.Accepted);
    }

    public Task OnPaymentFailedAsync(PaymentFailed payment, CancellationToken cancellationToken)
    {
        log.Failed.Enqueue(payment);
        return Task.CompletedTask;
    }
}

/// <summary>A signed-up user, with the access token that acts for them.</summary>
public sealed record Party(string Id, string Token, string Email);

/// <summary>Starting purchases and reading what they did, as a seller and its users would.</summary>
public static class TestPurchases
{
    public const long Price = 80000;

    public static async Task<Party> StudentAsync(HttpClient client, string name = "Asha Rao") => await PartyAsync(client, "student", name);

    public static async Task<Party> MentorAsync(HttpClient client) => await PartyAsync(client, "mentor", "Ravi Kumar");

    public static async Task<PaymentView> StartAsync(
        GurukulApp app, Party student, Party mentor, string? purchaseId = null, long price = Price, string? coupon = null, Duration? hold = null)
    {
        await using var scope = app.Scope();
        var now = scope.ServiceProvider.GetRequiredService<IClock>().GetCurrentInstant();
        return await scope.ServiceProvider.GetRequiredService<PaymentsService>().StartCheckoutAsync(new Purchase(
            TestPurchaseListener.PurchaseKind, purchaseId ?? Guid.NewGuid().ToString(), student.Id, mentor.Id, new Money(price, "INR"),
            "60-minute session with Ravi Kumar", now + (hold ?? Duration.FromMinutes(10)), "/payments", coupon), CancellationToken.None);
    }

    public static async Task<T> WithAsync<T>(GurukulApp app, Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = app.Scope();
        return await use(scope.ServiceProvider);
    }

    public static Task<Payment> PaymentAsync(GurukulApp app, string paymentId) => WithAsync(app, services =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(
                services.GetRequiredService<Gurukul.Platform.Data.GurukulDbContext>().Set<Payment>()), p => p.Id == Guid.Parse(paymentId)));

    /// <summary>The student presses Pay (or Fail) on the sandbox checkout, through the API.</summary>
    public static Task<HttpResponseMessage> PlaySandboxAsync(HttpClient client, Party student, string paymentId, string outcome, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/payments/{paymentId}/sandbox")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { outcome }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", student.Token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    /// <summary>Delivers a provider's webhook as the provider would: the raw body and its signature headers.</summary>
    public static Task<HttpResponseMessage> DeliverAsync(HttpClient client, string provider, SignedWebhook webhook)
    {
        var content = new ByteArrayContent(webhook.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/payments/webhooks/{provider}") { Content = content };
        foreach (var (name, value) in webhook.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    private static async Task<Party> PartyAsync(HttpClient client, string role, string name)
    {
        var email = ApiClient.NewEmail(role);
        var body = await (await client.PostAsync("/api/v1/auth/register", new { email, password = ApiClient.Password, name, role, dateOfBirth = "1999-04-02" }))
            .JsonAsync(HttpStatusCode.Created);
        return new Party(body.GetProperty("user").GetProperty("id").GetString()!, body.GetProperty("accessToken").GetString()!, email);
    }

    public static long Minor(this JsonElement money) => money.GetProperty("amountMinor").GetInt64();
}
