using Pledge.Policy.Model;

namespace Pledge.Erasure;

/// <summary>What erasure does to one column.</summary>
/// <param name="Column">The column (a plain identifier from the checked data map).</param>
/// <param name="Strategy"><see cref="ErasureStrategy.Null"/>, <see cref="ErasureStrategy.Mask"/> or <see cref="ErasureStrategy.Hash"/>;
/// <see cref="ErasureStrategy.DeleteRow"/> on any field turns the statement into a DELETE; <see cref="ErasureStrategy.Retain"/> leaves the column alone.</param>
/// <param name="Mask">The value a masked field gets; <see cref="FieldErasure.DefaultMask"/> when null. NULL stays NULL.</param>
public sealed record FieldAction(string Column, ErasureStrategy Strategy, string? Mask = null);
