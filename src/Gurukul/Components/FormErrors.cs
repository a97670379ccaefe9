using Gurukul.Platform.Errors;

namespace Gurukul.Components;

/// <summary>A form's field messages, filled from a use case's <see cref="ValidationException"/>.</summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public bool Any => _errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> All => _errors;

    public IReadOnlyList<string>? For(string field) => _errors.TryGetValue(field, out var messages) ? messages : null;

    public void Set(ValidationException exception) => _errors = exception.Errors;

    public void Set(string field, string message) => _errors = new Dictionary<string, string[]> { [field] = [message] };
}
