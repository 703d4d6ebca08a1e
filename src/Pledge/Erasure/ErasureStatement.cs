namespace Pledge.Erasure;

/// <summary>One set-based statement: an UPDATE or DELETE of the rows with the given keys in one table.</summary>
/// <param name="Table">The table, as the data map names it.</param>
/// <param name="IsDelete">Whether the statement deletes the rows.</param>
/// <param name="Text">The SQL, in the dialect's placeholders; identifiers quoted, every value a parameter.</param>
/// <param name="Parameters">The parameter values, in placeholder order.</param>
/// <param name="KeyCount">How many row keys the statement carries.</param>
public sealed record ErasureStatement(string Table, bool IsDelete, string Text, IReadOnlyList<object> Parameters, int KeyCount);
