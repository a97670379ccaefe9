namespace Gurukul.Platform.Errors;

/// <summary>
/// A use case refused the request for a reason the caller can act on. Services throw these; the one mapping in
/// <see cref="ProblemMapping"/> turns them into RFC 9457 problem details.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>The thing does not exist, or the caller may not know that it does (404).</summary>
public sealed class NotFoundException(string message) : DomainException(message);

/// <summary>The request conflicts with the current state (409), e.g. an illegal workflow transition.</summary>
public sealed class ConflictException(string message) : DomainException(message);

/// <summary>Not signed in, or the credentials are wrong (401). Says which, only when that reveals nothing.</summary>
public sealed class UnauthorizedException(string message, bool twoFactorRequired = false) : DomainException(message)
{
    /// <summary>The password was right; a two-factor code is needed (or was wrong).</summary>
    public bool TwoFactorRequired { get; } = twoFactorRequired;
}

/// <summary>Too many attempts (429); the client may try again after <see cref="RetryAfter"/>.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : DomainException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The request or the file in it is larger than allowed (413); the message says the limit.</summary>
public sealed class PayloadTooLargeException(string message) : DomainException(message);

/// <summary>
/// The request is well formed but cannot be processed as sent (422): an <c>Idempotency-Key</c> reused with a different body.
/// </summary>
public sealed class UnprocessableException(string message) : DomainException(message);

/// <summary>
/// Gurukul cannot take this request now (503): it is too busy (password hashing is queued full), or a service it depends on (a
/// payment provider) did not answer. The client may try again after <see cref="RetryAfter"/>.
/// </summary>
public sealed class ServiceUnavailableException(string message, TimeSpan retryAfter) : DomainException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>Signed in, but not allowed (403).</summary>
public sealed class ForbiddenException(string message) : DomainException(message);

/// <summary>One or more fields are invalid (400); keys are the field paths of the request body.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("One or more fields are invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }
}
