namespace Pledge.Redaction;

/// <summary>
/// A value to find wherever it appears as a whole word, case-insensitively: a person's name, a user name, a
/// computer name. Known values come from a file (<see cref="KnownValueList"/>) or from the data map for one subject.
/// </summary>
/// <param name="Value">The text to find; 2 to 256 UTF-8 bytes, no control characters.</param>
/// <param name="Type">The type reported and tagged for it; <see cref="PiiType.Name"/> by default.</param>
public readonly record struct KnownValue(string Value, PiiType Type = PiiType.Name)
{
    /// <summary>Longest value, in UTF-8 bytes. Longer values are refused so that a match fits the scanner's window.</summary>
    public const int MaxBytes = 256;

    /// <summary>Checks the value; returns false with a message saying what is wrong.</summary>
    public bool IsValid(out string error)
    {
        error = "";
        var trimmed = Value?.Trim() ?? "";
        if (trimmed.Length < 2)
        {
            error = "a known value must have at least 2 characters";
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(trimmed) > MaxBytes)
        {
            error = $"a known value must be at most {MaxBytes} bytes";
        }
        else if (trimmed.Any(char.IsControl))
        {
            error = "a known value must not contain control characters (tabs, line breaks)";
        }

        return error.Length == 0;
    }
}
