using Microsoft.Win32.SafeHandles;

namespace Pledge.Cli.Commands;

/// <summary>
/// Stdout for a filter: its failures are told apart from the inputs' (<see cref="StandardOutputException"/>), and a
/// pipe whose reader went away is reported (<see cref="ReaderGone"/>) instead of being written to until the end.
/// </summary>
internal sealed class StandardOutput : Stream
{
    private const int BrokenPipe = 32; // EPIPE: the HResult of the IOException a write to a closed pipe raises

    private readonly Stream _inner;

    private StandardOutput(Stream inner) => _inner = inner;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>
    /// Opens stdout. A pipe (or a terminal) is written through a <see cref="FileStream"/>, which reports EPIPE; the
    /// console's own stream ignores it, so <c>pledge redact big.log | head</c> would redact to the end. Files keep the
    /// console's stream, which writes at the offset the shell shares (<c>(pledge redact a; date) &gt; out</c>).
    /// </summary>
    public static StandardOutput Open()
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var direct = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
                if (!direct.CanSeek)
                {
                    return new StandardOutput(direct);
                }

                direct.Dispose();
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                // Not something a FileStream takes: the console's stream copes with any stdout.
            }
        }

        return new StandardOutput(Console.OpenStandardOutput());
    }

    /// <summary>Whether <paramref name="e"/> says the reader of stdout went away.</summary>
    public static bool ReaderGone(StandardOutputException e) => e.InnerException is IOException { HResult: BrokenPipe };

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StandardOutputException(e);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await _inner.WriteAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StandardOutputException(e);
        }
    }

    public override void Flush()
    {
        try
        {
            _inner.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StandardOutputException(e);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Writing to stdout failed; the message is the system's.</summary>
internal sealed class StandardOutputException : IOException
{
    public StandardOutputException(Exception inner)
        : base(inner.Message, inner)
    {
    }

    public StandardOutputException()
    {
    }

    public StandardOutputException(string message)
        : base(message)
    {
    }

    public StandardOutputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
