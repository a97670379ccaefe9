namespace Gurukul.Bench;

/// <summary>A failure the user can act on: printed as one line, without a stack trace.</summary>
public sealed class BenchException(string message) : Exception(message);
