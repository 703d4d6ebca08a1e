using System.Globalization;

namespace Pledge.Redaction.Samples;

/// <summary>Writes one line at a time of the sample log: which kind of line, and what goes in it.</summary>
internal sealed class SampleLogComposer
{
    private const int People = 64;

    private readonly SampleValues _v;
    private readonly Random _random;
    private readonly Person[] _people;
    private DateTime _time = new(2024, 3, 15, 8, 0, 0, DateTimeKind.Utc);

    public SampleLogComposer(int seed, bool label)
    {
        _random = new Random(seed);
        _v = new SampleValues(_random);
        Writer = new SampleWriter(label);
        _people = [.. Enumerable.Range(0, People).Select(_ => NewPerson())];
        KnownValues = [.. _people.Select(p => p.FullName).Distinct().Select(n => new KnownValue(n))];
    }

    public SampleWriter Writer { get; }

    public IReadOnlyList<KnownValue> KnownValues { get; }

    public void Line()
    {
        _time = _time.AddMilliseconds(_random.Next(1, 4000));
        var kind = _random.Next(100);
        if (kind < 45)
        {
            Server(_v.Pick(_people));
        }
        else if (kind < 70)
        {
            Viewer(_v.Pick(_people));
        }
        else if (kind < 85)
        {
            Chat(_v.Pick(_people));
        }
        else
        {
            Ticket(_v.Pick(_people));
        }

        Writer.Line();
    }

    private void Server(Person p)
    {
        var w = Writer.Text(Stamp("S0"));
        switch (_random.Next(10))
        {
            case 0:
                w.Text("Connection incoming from ").Pii(PiiType.IPv4, _v.IPv4()).Text(F($":{_random.Next(1024, 65535)} (session {_random.Next(100000000, 999999999)}), client "))
                    .Pii(PiiType.Hostname, p.WindowsName);
                break;
            case 1:
                w.Text(_v.Pick(["CORP", "EXAMPLE", "AD"])).Text("\\").Pii(PiiType.Username, p.UserName)
                    .Text(F($" authenticated, protocol 15.{_random.Next(10, 60)}.{_random.Next(1, 9)} (build {_random.Next(10000, 99999)})"));
                break;
            case 2:
                w.Text(F($"Loaded Vendor_Service.exe v15.41.7 on Windows 10.0.19045.{_random.Next(1, 5000)}; uptime {Duration()}, rss {_random.Next(40, 900)} MB"));
                break;
            case 3:
                w.Text("Profile path C:\\Users\\").Pii(PiiType.Username, p.UserName).Text(F($"\\AppData\\Roaming\\Vendor\\config.json ({_random.Next(1000, 9999999)} bytes)"));
                break;
            case 4:
                w.Text("Peer [").Pii(PiiType.IPv6, _v.IPv6()).Text(F($"]:{_random.Next(1024, 65535)} keepalive after {_random.Next(1, 999)}ms, id {_v.Guid()}"));
                break;
            case 5:
                w.Text("NIC ").Pii(PiiType.Mac, _v.Mac()).Text(" link up 1000 Mbps, gateway ").Pii(PiiType.IPv4, _v.IPv4());
                break;
            case 6:
                w.Text("user=").Pii(PiiType.Username, p.UserName).Text(" host=").Pii(PiiType.Hostname, p.ComputerName).Text(F($" action=logon result=0x{_v.Hex(8)}"));
                break;
            case 7:
                w.Text("Relay ").Pii(PiiType.Hostname, p.Fqdn).Text(" resolved to ").Pii(PiiType.IPv4, _v.IPv4()).Text(F($" in {_random.Next(1, 300)} ms"));
                break;
            case 8:
                w.Text("{\"level\":\"info\",\"user\":\"").Pii(PiiType.Username, p.UserName).Text("\",\"ip\":\"").Pii(PiiType.IPv4, _v.IPv4())
                    .Text(F($"\",\"msg\":\"session started\",\"trace\":\"{_v.Hex(32)}\"}}"));
                break;
            default:
                w.Text(F($"Heartbeat ok, queue 0x{_v.Hex(12)}, {_random.Next(0, 5000)} items, 99.{_random.Next(0, 99)}% delivered, elapsed {Duration()}"));
                break;
        }
    }

    private void Viewer(Person p)
    {
        var w = Writer.Text(Stamp("V1"));
        switch (_random.Next(7))
        {
            case 0:
                w.Text("Settings loaded from /home/").Pii(PiiType.Username, p.UserName).Text("/.config/vendor/client.conf");
                break;
            case 1:
                w.Text(F($"Outgoing connection to partner {_random.Next(1, 9)} {_random.Next(100, 999)} {_random.Next(100, 999)} {_random.Next(100, 999)}, port 5938, System.Net.Http 8.0.1"));
                break;
            case 2:
                w.Text(F($"Clipboard {_random.Next(1, 9000)} KB, display 1920x1080@60Hz, codec H.264, fps 29.97, build {_random.Next(1000, 99999)}"));
                break;
            case 3:
                w.Text("Logged in as ").Pii(PiiType.Email, p.Email).Text(" on ").Pii(PiiType.Hostname, p.WindowsName);
                break;
            case 4:
                w.Text("Local address ").Pii(PiiType.IPv4, _v.IPv4()).Text(", ").Pii(PiiType.IPv6, _v.IPv6()).Text("; DNS ").Pii(PiiType.Hostname, p.Fqdn);
                break;
            case 5:
                w.Text(F($"Crash dump written to C:\\ProgramData\\Vendor\\dump_{_v.Guid()}.dmp, module Vendor.Desktop.Core.dll+0x{_v.Hex(6)}"));
                break;
            default:
                w.Text("License check for ").Pii(PiiType.Email, p.Email).Text(F($": valid until 2026-12-31, seats {_random.Next(1, 50)}"));
                break;
        }
    }

    private void Chat(Person p)
    {
        var w = Writer.Text(F($"[{_time:HH:mm}] "));
        switch (_random.Next(6))
        {
            case 0:
                w.Pii(PiiType.Name, p.FullName).Text(F($": Hi, I can't connect since version 15.41.7, my ID is {_random.Next(1, 9)} {_random.Next(100, 999)} {_random.Next(100, 999)} {_random.Next(100, 999)}."));
                break;
            case 1:
                w.Text("Agent Sam: Could you send your logs to support? It takes about 00:00:30, the file is ~2.5 MB.");
                break;
            case 2:
                w.Pii(PiiType.Name, p.FullName).Text(": Sure, it's ").Pii(PiiType.Email, p.Email).Text(", or call me on ").Pii(PiiType.Phone, p.Phone).Text(".");
                break;
            case 3:
                w.Text("Agent Sam: Thanks ").Pii(PiiType.Name, p.FullName).Text(". Please restart the service (v15.41.7).");
                break;
            case 4:
                w.Pii(PiiType.Name, p.FullName).Text(": My computer is ").Pii(PiiType.Hostname, p.WindowsName).Text(" and my IP is ").Pii(PiiType.IPv4, _v.IPv4()).Text(" I think");
                break;
            default:
                w.Text("Agent Sam: Found it: C:\\Users\\").Pii(PiiType.Username, p.UserName).Text("\\Desktop\\logs.zip, uploaded at 14:02:11.");
                break;
        }
    }

    private void Ticket(Person p)
    {
        var w = Writer.Text(F($"Ticket #{_random.Next(10000, 99999)}: "));
        switch (_random.Next(5))
        {
            case 0:
                w.Text(F($"opened {_time:yyyy-MM-dd} by ")).Pii(PiiType.Name, p.FullName).Text(" <").Pii(PiiType.Email, p.Email).Text(">, priority P2, product Vendor.Remote 15.41.7");
                break;
            case 1:
                w.Text("refund of 49.90 EUR to card ").Pii(PiiType.Card, _v.Card()).Text(", IBAN ").Pii(PiiType.Iban, _v.Iban()).Text(F($", invoice INV-2024-{_random.Next(1000, 99999)}"));
                break;
            case 2:
                w.Text("customer ").Pii(PiiType.Name, p.FullName).Text(" reports login failures for CORP\\").Pii(PiiType.Username, p.UserName).Text(" from ").Pii(PiiType.IPv4, _v.IPv4())
                    .Text(" and ").Pii(PiiType.IPv6, _v.IPv6());
                break;
            case 3:
                w.Text("callback requested at ").Pii(PiiType.Phone, _v.Phone()).Text(" between 14:00 and 16:30 (CET), device MAC ").Pii(PiiType.Mac, _v.Mac());
                break;
            default:
                w.Text(F($"attached log dump_{_v.Guid()}.zip ({_random.Next(1, 900)} MB), sha256 {_v.Hex(64)}, took {_random.Next(1, 59)}.{_random.Next(100, 999)}s"));
                break;
        }
    }

    private string Stamp(string component) => F($"{_time:yyyy-MM-dd HH:mm:ss.fff} {_random.Next(1000, 9999)} {_random.Next(1000, 9999),5} {component}   ");

    private string Duration() => F($"{_random.Next(0, 24):D2}:{_random.Next(0, 60):D2}:{_random.Next(0, 60):D2}.{_random.Next(0, 1000):D3}");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private Person NewPerson()
    {
        var (first, last) = _v.Person();
        var user = _v.UserName(first, last);
        var ascii = _v.Ascii(last).ToLowerInvariant();
        return new Person(
            first + " " + last,
            user,
            _v.Email(first, last),
            _v.Phone(),
            _v.WindowsName(),
            F($"WS-{_v.Ascii(last).ToUpperInvariant()}-{_random.Next(1, 99):D2}"),
            F($"ws-{ascii}-{_random.Next(1, 99):D2}.{_v.Pick(["corp.local", "example.com", "office.example.de", "lan"])}"));
    }

    private sealed record Person(string FullName, string UserName, string Email, string Phone, string WindowsName, string ComputerName, string Fqdn);
}
