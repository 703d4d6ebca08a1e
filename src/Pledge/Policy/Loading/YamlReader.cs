using System.Text;
using Pledge.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pledge.Policy.Loading;

/// <summary>
/// Reads one policy file into a <see cref="YNode"/> tree, refusing input that is not text, too large,
/// too deep or an alias bomb. Never throws for bad input: problems become diagnostics.
/// </summary>
internal static class YamlReader
{
    /// <summary>Largest policy file read: 8 MiB. A 1,000-activity, 5,000-field policy is about 1.5 MiB.</summary>
    public const long MaxFileBytes = 8L * 1024 * 1024;

    /// <summary>Deepest nesting accepted; the policy format itself needs fewer than 10 levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes a document may expand to with aliases followed (the "billion laughs" guard).</summary>
    public const long MaxExpandedNodes = 2_000_000;

    public static YNode? ReadFile(string path, string displayPath, List<Diagnostic> diagnostics)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Add(Rules.Unreadable.At(SourceLocation.OfFile(displayPath), "file not found"));
                return null;
            }

            if (info.Length > MaxFileBytes)
            {
                diagnostics.Add(Rules.TooLarge.At(SourceLocation.OfFile(displayPath),
                    $"file is {info.Length / 1024.0 / 1024.0:0.0} MiB; a policy file may be at most {MaxFileBytes / 1024 / 1024} MiB (split it with 'include:')"));
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Rules.Unreadable.At(SourceLocation.OfFile(displayPath), $"cannot read file: {e.Message}"));
            return null;
        }

        return Read(bytes, displayPath, diagnostics);
    }

    public static YNode? Read(ReadOnlySpan<byte> bytes, string displayPath, List<Diagnostic> diagnostics)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            diagnostics.Add(Rules.Unreadable.At(SourceLocation.OfFile(displayPath), $"file is binary, not YAML text (NUL byte at offset {nul})"));
            return null;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            diagnostics.Add(Rules.Unreadable.At(SourceLocation.OfFile(displayPath), $"file is not valid UTF-8 (at byte offset {e.Index})"));
            return null;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Add(Rules.YamlSyntax.At(SourceLocation.OfFile(displayPath), "file is empty; a policy is a YAML mapping"));
            return null;
        }

        return Parse(text, displayPath, diagnostics);
    }

    private static YNode? Parse(string text, string file, List<Diagnostic> diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new Stack<YNode>();
        var pendingKeys = new Stack<YScalar?>();
        YNode? root = null;
        var documents = 0;
        long expanded = 0;
        try
        {
            while (parser.MoveNext())
            {
                var ev = parser.Current!;
                var at = new SourceLocation(file, (int)ev.Start.Line, (int)ev.Start.Column);
                switch (ev)
                {
                    case DocumentStart { IsImplicit: var _ } when ++documents > 1:
                        diagnostics.Add(Rules.YamlSyntax.At(at, "a policy file holds one YAML document; split policies with 'include:' instead of '---'"));
                        return root;
                    case Scalar scalar:
                        {
                            var node = new YScalar(at, scalar.Value, scalar.Style == ScalarStyle.Plain);
                            Remember(anchors, scalar.Anchor, node);
                            if (!Add(node)) { return null; }
                            break;
                        }

                    case MappingStart ms:
                        {
                            var node = new YMapping(at);
                            Remember(anchors, ms.Anchor, node);
                            if (!Add(node)) { return null; }
                            if (!Push(node, at)) { return null; }
                            break;
                        }

                    case SequenceStart ss:
                        {
                            var node = new YSequence(at);
                            Remember(anchors, ss.Anchor, node);
                            if (!Add(node)) { return null; }
                            if (!Push(node, at)) { return null; }
                            break;
                        }

                    case MappingEnd or SequenceEnd:
                        {
                            var done = stack.Pop();
                            pendingKeys.Pop();
                            if (stack.Count > 0)
                            {
                                stack.Peek().Weight += done.Weight;
                            }

                            break;
                        }

                    case AnchorAlias alias:
                        {
                            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                            {
                                diagnostics.Add(Rules.YamlSyntax.At(at, $"alias '*{alias.Value}' refers to no anchor"));
                                return null;
                            }

                            expanded += target.Weight;
                            if (expanded > MaxExpandedNodes)
                            {
                                diagnostics.Add(Rules.YamlLimits.At(at, $"aliases expand the document past {MaxExpandedNodes:N0} nodes; refusing it (an alias bomb?)"));
                                return null;
                            }

                            if (!Add(target, isAlias: true)) { return null; }
                            break;
                        }
                }
            }
        }
        catch (YamlException e)
        {
            var at = new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column);
            diagnostics.Add(Rules.YamlSyntax.At(at, CleanMessage(e)));
            return null;
        }

        return root;

        bool Push(YNode node, SourceLocation at)
        {
            if (stack.Count >= MaxDepth)
            {
                diagnostics.Add(Rules.YamlLimits.At(at, $"nesting deeper than {MaxDepth} levels"));
                return false;
            }

            stack.Push(node);
            pendingKeys.Push(null);
            return true;
        }

        bool Add(YNode node, bool isAlias = false)
        {
            if (stack.Count == 0)
            {
                root = node;
                return true;
            }

            var parent = stack.Peek();
            if (isAlias)
            {
                // The parent's weight carries the alias's whole subtree, so nested aliases multiply
                // exactly as a naive walk would, and 'expanded' sees the product.
                parent.Weight += node.Weight;
            }
            else if (node is YScalar)
            {
                parent.Weight += 1;
            }

            switch (parent)
            {
                case YSequence seq:
                    seq.Items.Add(node);
                    return true;
                case YMapping map:
                    var key = pendingKeys.Pop();
                    if (key is null)
                    {
                        if (node is not YScalar scalarKey)
                        {
                            diagnostics.Add(Rules.YamlSyntax.At(node.At, "mapping keys must be plain strings"));
                            return false;
                        }

                        var first = map.Entries.FirstOrDefault(e => e.Key.Value == scalarKey.Value).Key;
                        if (first is not null)
                        {
                            diagnostics.Add(Rules.YamlSyntax.At(node.At, $"duplicate key '{scalarKey.Value}' (first at line {first.At.Line})"));
                        }

                        pendingKeys.Push(scalarKey);
                    }
                    else
                    {
                        map.Entries.Add(new(key, node));
                        pendingKeys.Push(null);
                    }

                    return true;
                default:
                    return false;
            }
        }
    }

    private static void Remember(Dictionary<string, YNode> anchors, AnchorName anchor, YNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static string CleanMessage(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var paren = message.IndexOf("(Line:", StringComparison.Ordinal);
        if (paren > 0)
        {
            message = message[..paren].TrimEnd();
        }

        var close = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && close > 0)
        {
            message = message[(close + 3)..];
        }

        return message.Length == 0 ? "malformed YAML" : char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');
    }
}
