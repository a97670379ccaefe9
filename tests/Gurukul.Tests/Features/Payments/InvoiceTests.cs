using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Gurukul.Platform.Data;
using Gurukul.Tests.Features.Profiles;
using Gurukul.Tests.Infrastructure;
using Xunit;
using static Gurukul.Tests.Features.Payments.TestPurchases;

namespace Gurukul.Tests.Features.Payments;

/// <summary>
/// The GST-ready invoice, read back from the PDF with poppler's <c>pdftotext</c> and <c>pdffonts</c> (Debian poppler-utils, which
/// CI installs): seller, buyer, number, SAC line, tax lines, totals, and fonts embedded so Indian names print anywhere.
/// </summary>
public sealed partial class InvoiceTests(InvoicePaymentsFixture fixture) : IClassFixture<InvoicePaymentsFixture>
{
    [Theory, AllProviders]
    public async Task Invoice_ForABuyerInTheSellersState_ShowsSellerBuyerNumberAndCgstPlusSgst(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client, "आशा राव"), await MentorAsync(client));
        var paymentId = await PaidAsync(app, client, student, mentor);

        var (text, fonts) = await ReadInvoiceAsync(client, student, paymentId);

        Assert.Contains("TAX INVOICE", text, StringComparison.Ordinal);
        Assert.Contains(InvoicePaymentsFixture.SellerName, text, StringComparison.Ordinal);
        Assert.Contains($"GSTIN: {InvoicePaymentsFixture.Gstin}", text, StringComparison.Ordinal);
        Assert.Contains("Bengaluru 560001", text, StringComparison.Ordinal);
        Assert.Contains("आशा राव", text, StringComparison.Ordinal);
        Assert.Contains(student.Email, text, StringComparison.Ordinal);
        Assert.Contains("Place of supply: Karnataka", text, StringComparison.Ordinal);
        Assert.Matches(@"Invoice number: GK/\d\d-\d\d/\d{6}", text);
        Assert.Matches(@"60-minute session with Ravi Kumar\s+999293\s+1\s+₹677\.97", text);
        Assert.Matches(@"CGST @ 9%\s+₹61\.01", text);
        Assert.Matches(@"SGST @ 9%\s+₹61\.02", text);
        Assert.Matches(@"Total paid\s+₹800\.00", text);
        Assert.DoesNotContain("IGST", text, StringComparison.Ordinal);
        Assert.Contains(fonts, f => f.Contains("Noto Sans Regular", StringComparison.Ordinal) && f.Contains(" yes ", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.Contains("Noto Sans Devanagari", StringComparison.Ordinal) && f.Contains(" yes ", StringComparison.Ordinal));
    }

    [Theory, AllProviders]
    public async Task Invoice_ForABuyerInAnotherState_ChargesIgst_AndNamesTheirStateAsPlaceOfSupply(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client, "ఆశా రావు"), await MentorAsync(client));
        await (await PutAsync(client, "/api/v1/me/student-profile", StudentProfileTests.SchoolProfile(), student.Token)).JsonAsync(HttpStatusCode.OK);
        var paymentId = await PaidAsync(app, client, student, mentor);

        var (text, fonts) = await ReadInvoiceAsync(client, student, paymentId);

        Assert.Contains("ఆశా రావు", text, StringComparison.Ordinal);
        Assert.Contains("Place of supply: Andhra Pradesh", text, StringComparison.Ordinal);
        Assert.Matches(@"IGST @ 18%\s+₹122\.03", text);
        Assert.DoesNotContain("CGST", text, StringComparison.Ordinal);
        Assert.Contains(fonts, f => f.Contains("Noto Sans Telugu", StringComparison.Ordinal) && f.Contains(" yes ", StringComparison.Ordinal));
    }

    [Theory, AllProviders]
    public async Task InvoiceNumbers_FollowOneAnotherWithoutGaps_InTheOrderPaymentsSucceed(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor) = (await StudentAsync(client), await MentorAsync(client));
        var failed = await StartAsync(app, student, mentor);
        await (await PlaySandboxAsync(client, student, failed.Id, "failed")).JsonAsync(HttpStatusCode.OK);

        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await PaymentAsync(app, await PaidAsync(app, client, student, mentor))).InvoiceNumber!);
        }

        var serials = numbers.Select(n => int.Parse(n[^6..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([serials[0], serials[0] + 1, serials[0] + 2], serials);
        Assert.Null((await PaymentAsync(app, failed.Id)).InvoiceNumber);
        Assert.All(numbers, n => Assert.True(n.Length <= 16, $"{n} is longer than GST's 16 characters"));
    }

    [Theory, AllProviders]
    public async Task Invoice_OfAnUnpaidOrSomeoneElsesPayment_Is404(DatabaseProvider provider)
    {
        var app = await fixture.For(provider);
        var client = app.CreateClient();
        var (student, mentor, other) = (await StudentAsync(client), await MentorAsync(client), await StudentAsync(client));
        var unpaid = await StartAsync(app, student, mentor);
        var paid = await PaidAsync(app, client, student, mentor);

        await (await client.GetAsync($"/api/v1/me/payments/{unpaid.Id}/invoice.pdf", student.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/me/payments/{paid}/invoice.pdf", other.Token)).JsonAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/me/payments/nonsense/invoice.pdf", student.Token)).JsonAsync(HttpStatusCode.NotFound);
    }

    private static async Task<string> PaidAsync(GurukulApp app, HttpClient client, Party student, Party mentor)
    {
        var checkout = await StartAsync(app, student, mentor);
        await (await PlaySandboxAsync(client, student, checkout.Id, "succeeded")).JsonAsync(HttpStatusCode.OK);
        return checkout.Id;
    }

    private static async Task<(string Text, IReadOnlyList<string> Fonts)> ReadInvoiceAsync(HttpClient client, Party student, string paymentId)
    {
        using var response = await client.GetAsync($"/api/v1/me/payments/{paymentId}/invoice.pdf", student.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(InvoiceFileName(), response.Content.Headers.ContentDisposition?.FileName ?? "");
        var path = Path.Combine(Path.GetTempPath(), $"gurukul-invoice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        try
        {
            var text = await RunAsync("pdftotext", "-layout", "-enc", "UTF-8", path, "-");
            var fonts = (await RunAsync("pdffonts", path)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return (text, fonts);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"The invoice tests read PDFs with {tool}: apt-get install poppler-utils (.ci/run installs it).");
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{tool} failed: {await process.StandardError.ReadToEndAsync()}");
            return output;
        }
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request);
    }

    [GeneratedRegex(@"^""?invoice-GK-\d\d-\d\d-\d{6}\.pdf""?$")]
    private static partial Regex InvoiceFileName();
}
