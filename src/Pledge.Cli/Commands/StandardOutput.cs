using Microsoft.Win32.SafeHandles;

namespace Pledge.Cli.Commands;

/// <summary>
/// Stdout for a filter: it remembers that a write failed (<see cref="Failed"/>), so the failure is told apart from the
/// inputs', and a pipe whose reader went away is reported (<see cref="ReaderGone"/>) instead of written to until the end.
/// </summary>
internal sealed class StandardOutput : Stream
{
    private const int BrokenPipe = 32; // EPIPE: the HResult of the IOException a write to a closed pipe raises

    private readonly Stream _inner;

    private StandardOutput(Stream inner) => _inner = inner;

    /// <summary>Whether a write or flush failed; the exception it threw went on to the caller.</summary>
    public bool Failed { get; private set; }

    /// <summary>Whether that failure was the reader of a pipe going away.</summary>
    public bool ReaderGone { get; private set; }

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

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Remember(e);
            throw;
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
            Remember(e);
            throw;
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
            Remember(e);
            throw;
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

    private void Remember(Exception e)
    {
        Failed = true;
        ReaderGone = e is IOException { HResult: BrokenPipe };
    }
}
