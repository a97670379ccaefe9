using System.Collections.Concurrent;
using Gurukul.Features.Payments;
using Gurukul.Platform.Data;
using Gurukul.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Gurukul.Tests.Features.Payments;

/// <summary>
/// One app per database provider for a test class, with the test seller (<see cref="TestPurchaseListener"/>) registered and
/// checkout limits out of the way. Subclasses pick the provider and anything else they need.
/// </summary>
public abstract class PaymentsFixture : IAsyncLifetime
{
    public const string SandboxSecret = "sandbox-webhook-secret-for-tests";

    private readonly ConcurrentDictionary<DatabaseProvider, Lazy<Task<GurukulApp>>> _apps = new();

    public Task<GurukulApp> For(DatabaseProvider provider) =>
        _apps.GetOrAdd(provider, p => new Lazy<Task<GurukulApp>>(() => GurukulApp.StartAsync(p, Settings(), Services))).Value;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await (await app.Value).DisposeAsync();
        }
    }

    protected virtual Dictionary<string, string?> Settings() => new()
    {
        ["Payments:Provider"] = PaymentProviders.Sandbox,
        ["Payments:Sandbox:WebhookSecret"] = SandboxSecret,
        ["Payments:CheckoutLimit"] = "100000",
        ["Jobs:PollInterval"] = "00:00:00.200",
    };

    protected virtual void Services(IServiceCollection services)
    {
        services.AddSingleton<TestPurchaseLog>();
        services.AddScoped<IPurchaseListener, TestPurchaseListener>();
    }
}

/// <summary>The embedded default: the sandbox provider.</summary>
public sealed class SandboxPaymentsFixture : PaymentsFixture;

/// <summary>The sandbox with a clock the test moves: escrow waits 48 h after a session.</summary>
public sealed class ClockedPaymentsFixture : PaymentsFixture
{
    public FakeClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant());

    protected override void Services(IServiceCollection services)
    {
        base.Services(services);
        services.Replace(ServiceDescriptor.Singleton<IClock>(Clock));
    }
}

/// <summary>
/// The sandbox without a job runner: a test drives every step itself (refunds stay decided but unsent, which the ledger records
/// all the same), so nothing runs beside it.
/// </summary>
public sealed class DrivenPaymentsFixture : PaymentsFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Jobs:Enabled"] = "false";
        return settings;
    }
}

/// <summary>The sandbox with a GST-registered seller in Karnataka charging 18 % GST.</summary>
public sealed class InvoicePaymentsFixture : PaymentsFixture
{
    public const string SellerName = "Gurukul Learning Private Limited";
    public const string Gstin = "29ABCDE1234F1Z5";

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Payments:Invoices:SellerName"] = SellerName;
        settings["Payments:Invoices:SellerAddress"] = "12 MG Road\nBengaluru 560001";
        settings["Payments:Invoices:Gstin"] = Gstin;
        settings["Payments:Invoices:SellerState"] = "Karnataka";
        settings["Payments:Invoices:GstRatePercent"] = "18";
        return settings;
    }
}

/// <summary>Razorpay, spoken to through its local stand-in.</summary>
public sealed class RazorpayPaymentsFixture : PaymentsFixture
{
    public RazorpayStandIn Razorpay { get; private set; } = null!;

    public override async Task InitializeAsync() => Razorpay = await RazorpayStandIn.StartAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Razorpay.DisposeAsync();
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Payments:Provider"] = PaymentProviders.Razorpay;
        settings["Payments:Razorpay:KeyId"] = RazorpayStandIn.KeyId;
        settings["Payments:Razorpay:KeySecret"] = RazorpayStandIn.KeySecret;
        settings["Payments:Razorpay:WebhookSecret"] = RazorpayStandIn.WebhookSecret;
        settings["Payments:Razorpay:BaseUrl"] = Razorpay.BaseUrl;
        return settings;
    }
}

/// <summary>Stripe, spoken to through Stripe.net pointed at its local stand-in.</summary>
public sealed class StripePaymentsFixture : PaymentsFixture
{
    public StripeStandIn Stripe { get; private set; } = null!;

    public override async Task InitializeAsync() => Stripe = await StripeStandIn.StartAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Stripe.DisposeAsync();
    }

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Payments:Provider"] = PaymentProviders.Stripe;
        settings["Payments:Stripe:SecretKey"] = StripeStandIn.SecretKey;
        settings["Payments:Stripe:WebhookSecret"] = StripeStandIn.WebhookSecret;
        settings["Payments:Stripe:ApiBase"] = Stripe.BaseUrl;
        return settings;
    }
}
