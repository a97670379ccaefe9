namespace Gurukul.Platform.Errors;

/// <summary>Collects every problem with a request's fields, so the client hears about all of them at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public void ThrowIfAny() => ThrowIfAny(_ => true);

    /// <summary>Throws for the errors on the fields <paramref name="concerns"/> picks, if any; the others are ignored.</summary>
    public void ThrowIfAny(Func<string, bool> concerns)
    {
        var errors = _errors.Where(e => concerns(e.Key)).ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
