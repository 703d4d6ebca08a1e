using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pledge.Tests.Server;

/// <summary>
/// Debian's headless Chromium driven through the DevTools protocol over a WebSocket: navigate, evaluate, wait for a
/// condition, read and set cookies, press keys, emulate a colour scheme. One fresh profile per instance; dispose to end
/// the browser and delete the profile.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextId;

    private Chromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Starts the browser; fails with what to install when there is none.</summary>
    public static async Task<Chromium> StartAsync()
    {
        var executable = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } given ? given
            : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
        Assert.True(executable is not null, "Chromium is not installed: the browser tests need Debian's chromium package (apt-get install -y chromium; .ci/run installs it).");
        var profile = Path.Combine(Path.GetTempPath(), "pledge-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(executable!)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
        })
        {
            start.ArgumentList.Add(flag);
        }

        var process = Process.Start(start)!;
        var browser = new Chromium(process, profile);
        try
        {
            await browser.ConnectAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        string? endpoint = null;
        var seen = new StringBuilder();
        while (endpoint is null)
        {
            var line = await _process.StandardError.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("Chromium exited before it listened: " + seen);
            seen.AppendLine(line);
            const string marker = "DevTools listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                endpoint = line[(at + marker.Length)..].Trim();
            }
        }

        _ = _process.StandardError.ReadToEndAsync(CancellationToken.None);
        _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var port = new Uri(endpoint).Port;
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list"), timeout.Token))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await _socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), timeout.Token);
        _receiving = ReceiveAsync();
        await SendAsync("Page.enable");
        await SendAsync("Network.enable");
        await SendAsync("Runtime.enable");
    }

    /// <summary>Sends a DevTools command and returns its result.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var json = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(json, WebSocketMessageType.Text, true, _stop.Token);
        return await reply.Task.WaitAsync(Timeout);
    }

    /// <summary>Makes the page's <c>navigator.globalPrivacyControl</c> true and sends <c>Sec-GPC: 1</c> from now on.</summary>
    public async Task EnableGpcAsync()
    {
        await SendAsync("Page.addScriptToEvaluateOnNewDocument", new { source = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });" });
        await SendAsync("Network.setExtraHTTPHeaders", new { headers = new Dictionary<string, string> { ["Sec-GPC"] = "1" } });
    }

    /// <summary>Sets a cookie for <paramref name="url"/>'s site, as a returning visitor would have it.</summary>
    public Task SetCookieAsync(Uri url, string name, string value) =>
        SendAsync("Network.setCookie", new { name, value, url = url.ToString(), path = "/" });

    /// <summary>Answers the page's <c>prefers-color-scheme</c> with <paramref name="scheme"/> (<c>light</c> or <c>dark</c>).</summary>
    public Task EmulateColorSchemeAsync(string scheme) =>
        SendAsync("Emulation.setEmulatedMedia", new { features = new[] { new { name = "prefers-color-scheme", value = scheme } } });

    /// <summary>Presses and releases a key as the keyboard would (<c>Tab</c>, <c>Enter</c>), shift held when asked.</summary>
    public async Task PressAsync(string key, bool shift = false)
    {
        var code = key switch { "Tab" => 9, "Enter" => 13, _ => throw new ArgumentException("no key code for " + key, nameof(key)) };
        var modifiers = shift ? 8 : 0;
        await SendAsync("Input.dispatchKeyEvent", new { type = "rawKeyDown", key, code = key, windowsVirtualKeyCode = code, nativeVirtualKeyCode = code, modifiers });
        await SendAsync("Input.dispatchKeyEvent", new { type = "keyUp", key, code = key, windowsVirtualKeyCode = code, nativeVirtualKeyCode = code, modifiers });
    }

    /// <summary>Opens <paramref name="url"/> and waits until the page has loaded.</summary>
    public async Task NavigateAsync(Uri url)
    {
        await SendAsync("Page.navigate", new { url = url.ToString() });
        await WaitForAsync($"location.href === {JsonSerializer.Serialize(url.ToString())} && document.readyState === 'complete'");
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (awaiting a promise) and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var error))
        {
            throw new InvalidOperationException($"{expression}: {error}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Waits until <paramref name="condition"/> is truthy in the page; fails after the timeout with the condition.</summary>
    public async Task WaitForAsync(string condition)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var value = await EvaluateAsync($"(() => {{ try {{ return !!({condition}); }} catch (e) {{ return false; }} }})()");
                if (value.ValueKind == JsonValueKind.True)
                {
                    return;
                }
            }
            catch (DevToolsException e) when (e.PageWentAway)
            {
                // The page navigated while the condition was being evaluated: not there yet, ask the new page.
            }

            Assert.True(deadline.Elapsed < Timeout, $"timed out waiting for: {condition}");
            await Task.Delay(25);
        }
    }

    /// <summary>The browser's cookies for the current page, name → value.</summary>
    public async Task<Dictionary<string, string>> CookiesAsync()
    {
        var result = await SendAsync("Network.getCookies");
        return result.GetProperty("cookies").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("value").GetString()!);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                if (document.RootElement.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
                {
                    if (document.RootElement.TryGetProperty("error", out var error))
                    {
                        reply.TrySetException(new DevToolsException(error.TryGetProperty("message", out var text) ? text.GetString() ?? "" : "", error.ToString()));
                    }
                    else
                    {
                        reply.TrySetResult(document.RootElement.GetProperty("result").Clone());
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (WebSocketException)
        {
            // The browser went away; pending commands time out with their own message.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _receiving;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium's helpers may still hold a file for a moment; the temporary folder is cleaned by the system.
        }
    }
}

/// <summary>A DevTools command the browser answered with an error; <see cref="Exception.Message"/> holds the whole error.</summary>
public sealed class DevToolsException(string protocolMessage, string error) : InvalidOperationException("DevTools: " + error)
{
    /// <summary>
    /// Whether the page the command ran in went away under it (a form submission or redirect committed meanwhile):
    /// a caller waiting for the next page asks again.
    /// </summary>
    public bool PageWentAway { get; } = protocolMessage.StartsWith("Inspected target navigated or closed", StringComparison.Ordinal)
        || protocolMessage.StartsWith("Execution context was destroyed", StringComparison.Ordinal)
        || protocolMessage.StartsWith("Cannot find context with specified id", StringComparison.Ordinal);
}
