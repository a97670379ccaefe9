namespace Gurukul.Tests.Infrastructure.OpenApi;

/// <summary>Responses the tests received that the OpenAPI document does not describe: the document or the code is wrong.</summary>
public sealed class OpenApiMismatchException(IReadOnlyList<string> mismatches) : Exception(
    $"{mismatches.Count} response(s) do not match /openapi/v1.json (docs/adr/0019-a-truthful-openapi-document.md):\n" + string.Join("\n", mismatches));
