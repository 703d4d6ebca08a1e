using System.Buffers;
using System.Runtime.CompilerServices;

namespace Pledge.Redaction;

/// <summary>
/// The growable byte buffer every redaction run writes into. Sealed and concrete so the run's copy of each stretch
/// between values, and of each tag, is a direct, inlined call rather than interface calls through
/// <see cref="IBufferWriter{T}"/> for millions of values. Also an <see cref="IBufferWriter{T}"/>, for the operators
/// that format into it. Not thread safe.
/// </summary>
internal sealed class OutputBuffer(int capacity) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[Math.Max(capacity, 256)];
    private int _count;

    public int WrittenCount => _count;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _count);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _count);

    public void ResetWrittenCount() => _count = 0;

    /// <summary>Written bytes to fill in afterwards: the pseudonym operator writes a token first and its MAC later.</summary>
    public Span<byte> Written(int offset, int length) => _buffer.AsSpan(0, _count).Slice(offset, length);

    /// <summary>Appends <paramref name="bytes"/>, growing the buffer when they do not fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _count)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _count);
        _count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_count);
    }

    private void Reserve(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        if (Math.Max(sizeHint, 1) > _buffer.Length - _count)
        {
            Grow(Math.Max(sizeHint, 1));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int needed)
    {
        var size = Math.Max(_buffer.Length * 2, _count + needed);
        Array.Resize(ref _buffer, size);
    }
}
