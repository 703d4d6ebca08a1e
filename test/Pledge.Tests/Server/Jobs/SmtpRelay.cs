using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pledge.Tests.Server.Jobs;

/// <summary>
/// A real SMTP relay on 127.0.0.1 and a free port, enough for <see cref="System.Net.Mail.SmtpClient"/> without TLS. The
/// first <see cref="Refusals"/> connections are answered <c>421</c> and closed, as a relay that is down would; after that
/// each message is accepted and recorded.
/// </summary>
public sealed class SmtpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _refused;
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SmtpRelay(int refusals)
    {
        Refusals = refusals;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public int Refusals { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The DATA of every accepted message, in order.</summary>
    public List<string> Messages { get; } = [];

    /// <summary>Completes when the next message is accepted.</summary>
    public Task NextMessage => _received.Task;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (client)
            {
                await ServeAsync(client);
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        if (Interlocked.Increment(ref _refused) <= Refusals)
        {
            await writer.WriteLineAsync("421 4.3.2 relay not available, try again later");
            return;
        }

        Interlocked.Decrement(ref _refused);
        await writer.WriteLineAsync("220 relay.test ESMTP");
        var data = new StringBuilder();
        var inData = false;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (inData)
            {
                if (line == ".")
                {
                    inData = false;
                    lock (Messages)
                    {
                        Messages.Add(data.ToString());
                    }

                    data.Clear();
                    await writer.WriteLineAsync("250 2.0.0 queued");
                    Interlocked.Exchange(ref _received, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
                else
                {
                    data.Append(line).Append('\n');
                }

                continue;
            }

            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO": await writer.WriteLineAsync("250 relay.test"); break;
                case "DATA": inData = true; await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>"); break;
                case "QUIT": await writer.WriteLineAsync("221 2.0.0 bye"); return;
                default: await writer.WriteLineAsync("250 2.0.0 ok"); break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
