using System.Text;

namespace Pledge.Tests.Records;

/// <summary>A strict RFC 4180 reader, written here so the tests do not trust the writer they test.</summary>
internal static class Csv
{
    /// <summary>Parses CRLF-separated records; fails on a bare quote inside an unquoted field or an unterminated quote.</summary>
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    cell.Append(text[i++]);
                }

                if (i < text.Length && text[i] != ',' && text[i] != '\r')
                {
                    throw new FormatException($"text after a closing quote at {i}");
                }
            }
            else if (text[i] == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    throw new FormatException($"CR without LF at {i}");
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i += 2;
            }
            else if (text[i] is '"' or '\n')
            {
                throw new FormatException($"bare {(text[i] == '"' ? "quote" : "LF")} in an unquoted field at {i}");
            }
            else
            {
                cell.Append(text[i++]);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
