using System.Text;

namespace Pledge.Consent.Import;

/// <summary>
/// A streaming RFC 4180 reader: comma separated, fields optionally quoted with <c>"</c> (doubled inside), line breaks
/// allowed in quoted fields. Reports the line each record starts on. Bounded: a field longer than
/// <see cref="MaxFieldLength"/> is an error, not an allocation.
/// </summary>
internal sealed class CsvReader(TextReader reader)
{
    public const int MaxFieldLength = 10_000;

    private readonly StringBuilder _field = new();
    private int _line = 1;

    /// <summary>The next record and the line it starts on; null at the end. Throws <see cref="FormatException"/> on malformed input.</summary>
    public (int Line, List<string> Fields)? Read()
    {
        var fields = new List<string>();
        var start = _line;
        _field.Clear();
        var quoted = false;
        var any = false;
        while (true)
        {
            var c = reader.Read();
            if (c == -1)
            {
                if (quoted)
                {
                    throw new FormatException($"line {start}: a quoted field is not closed");
                }

                if (!any && fields.Count == 0)
                {
                    return null;
                }

                fields.Add(_field.ToString());
                return (start, fields);
            }

            any = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        Append('"', start);
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    Append((char)c, start);
                }

                continue;
            }

            switch (c)
            {
                case '"' when _field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    _line++;
                    if (fields.Count == 0 && _field.Length == 0)
                    {
                        start = _line; // blank line: skip
                        any = false;
                        break;
                    }

                    fields.Add(_field.ToString());
                    return (start, fields);
                default:
                    Append((char)c, start);
                    break;
            }
        }
    }

    private void Append(char c, int line)
    {
        if (_field.Length >= MaxFieldLength)
        {
            throw new FormatException($"line {line}: a field is longer than {MaxFieldLength} characters");
        }

        _field.Append(c);
    }
}
