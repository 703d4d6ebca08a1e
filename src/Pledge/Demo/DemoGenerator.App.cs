using static Pledge.Demo.DemoSchema;

namespace Pledge.Demo;

internal sealed partial class DemoGenerator
{
    /// <summary>A customer: an account with devices, sign-ins, sessions, address book, telemetry, tickets, invoices, and their marketing footprint.</summary>
    private Customer NewCustomer(Person p, (string Uid, string ComputerName)? shared)
    {
        var created = _f.Past(8);
        DateTime? closed = _f.Chance(0.1) ? _f.Between(created) : null;
        var end = closed ?? _f.Now;
        var usage = _f.Chance(0.7);
        var username = _f.Username(p.First, p.Last);
        var account = Emit(Accounts, p.Email, username, p.Phone, p.FullName, p.Company, _f.PasswordHash(), usage, created, _f.Between(created, end), closed);

        (string, string)? first = null;
        var devices = shared is null ? 1 + _f.Random.Next(3) : 1 + _f.Random.Next(2);
        for (var d = 0; d < devices; d++)
        {
            var (uid, computer) = d == 0 && shared is { } s ? s : (_f.DeviceUid(), _f.ComputerName(p.First));
            first ??= (uid, computer);
            Device(p, account, uid, computer, created, end, usage);
        }

        for (var n = _f.Count(4); n > 0; n--)
        {
            var (otherFirst, otherLast) = _f.Name();
            Emit(AddressBook, account, $"{otherFirst} {otherLast}" + (_f.Chance(0.4) ? $" ({_f.Pick(DemoText.Companies)})" : ""), _f.ComputerName(otherFirst), _f.Ip(),
                _f.Chance(0.5) ? $"Call {_f.Phone()} before connecting; ask for {otherFirst}." : null, _f.Between(created, end));
        }

        if (_f.Chance(0.3))
        {
            for (var n = 1 + _f.Random.Next(3); n > 0; n--)
            {
                Ticket(p, account, username, created, end, first!.Value.Item2);
            }
        }

        if (p.Company is { } company)
        {
            var vat = _f.Chance(0.8) ? _f.Pick(["GB", "DE", "NL", "FR", "IE"]) + _f.Random.Next(100_000_000, 999_999_999) : null;
            var address = _f.Address();
            for (var n = 1 + _f.Count(3); n > 0; n--)
            {
                Emit(Invoices, account, company, address, vat, (long)_f.Pick([2_990, 4_990, 29_900, 59_900, 149_900]), _f.Between(created, end));
            }
        }

        if (_f.Chance(0.05))
        {
            Call(p, account, _f.Between(created, end));
        }

        Footprint(p, customerSince: created, hasOrders: p.Company is not null);
        return new Customer(p, account, username, first);
    }

    private void Device(Person p, long account, string uid, string computer, DateTime created, DateTime end, bool usage)
    {
        var registered = _f.Between(created, end);
        var lastSeen = _f.Between(registered, end);
        var device = Emit(Devices, account, uid, computer, _f.Pick(DemoText.OsVersions), _f.Ip(), registered, lastSeen);
        var agent = _f.Pick(DemoText.UserAgents);
        for (var n = _f.Count(8); n > 0; n--)
        {
            Emit(SignIns, account, device, _f.Ip(), agent, _f.Between(registered, lastSeen));
        }

        for (var n = _f.Count(6); n > 0; n--)
        {
            var started = _f.Between(registered, lastSeen);
            var seconds = (long)_f.Random.Next(30, 7_200);
            Emit(Sessions, account, device, _f.ComputerName(_f.Pick(DemoText.FirstNames)), _f.Ip(), seconds, started, started.AddSeconds(seconds));
        }

        if (_f.Chance(0.5))
        {
            var recent = string.Join(";", Enumerable.Range(0, 1 + _f.Random.Next(4)).Select(_ => $"{_f.DeviceUid()}|{_f.ComputerName(_f.Pick(DemoText.FirstNames))}"));
            Emit(ViewerCache, device, recent, "v2:" + _f.Hex(48), _f.Between(registered, lastSeen));
        }

        if (usage)
        {
            for (var n = _f.Count(12); n > 0; n--)
            {
                var properties = DemoFaker.Format("{{\"version\":\"15.{0}.{1}\",\"duration_ms\":{2},\"os\":\"{3}\"}}", _f.Random.Next(40, 56), _f.Random.Next(10), _f.Random.Next(50, 90_000), p.Company is null ? "home" : "business");
                Emit(Telemetry, account, device, _f.Pick(DemoText.TelemetryEvents), properties, _f.Between(registered, lastSeen));
            }
        }
    }

    private void Ticket(Person p, long account, string username, DateTime created, DateTime end, string computer)
    {
        var opened = _f.Between(created, end);
        var closed = _f.Chance(0.8);
        DateTime? closedAt = closed ? DemoFaker.Seconds(opened.AddHours(_f.Random.Next(1, 24 * 20))) : null;
        if (closedAt > _f.Now)
        {
            closedAt = null;
        }

        var ip = _f.Ipv4();
        var subject = DemoFaker.Format(_f.Pick(DemoText.TicketSubjects), computer);
        var body = DemoFaker.Format(_f.Pick(DemoText.TicketBodies), computer, ip, username, p.First);
        var ticket = Emit(Tickets, account, p.Email, closedAt is null ? _f.Pick(["open", "waiting"]) : "closed", subject, body, opened, closedAt);
        for (var n = _f.Count(0.8); n > 0; n--)
        {
            var uploaded = DemoFaker.Seconds(opened.AddMinutes(_f.Random.Next(1, 600)));
            Emit(Logs, ticket, $"Farlink15_Logfile_{computer}.log", Log(uploaded, computer, ip, username), uploaded);
        }
    }

    /// <summary>A viewer log as users attach it: IP addresses, the user name and computer names on every few lines.</summary>
    private string Log(DateTime at, string computer, string ip, string username)
    {
        var peer = _f.ComputerName(_f.Pick(DemoText.FirstNames));
        var lines = new List<string>
        {
            $"{DemoFaker.Time(at.AddMinutes(-9))} 4812 INFO   Start Farlink 15.{_f.Random.Next(40, 56)} on {computer} as user {username}",
            $"{DemoFaker.Time(at.AddMinutes(-8))} 4812 INFO   Local IP {ip}, gateway {_f.Ipv4()}, IPv6 {_f.Ipv6()}",
            $"{DemoFaker.Time(at.AddMinutes(-7))} 4812 INFO   Connecting to {_f.DeviceUid()} ({peer})",
            $"{DemoFaker.Time(at.AddMinutes(-6))} 4812 WARN   Handshake with {_f.Ipv4()}:5938 timed out, retrying through relay",
            $"{DemoFaker.Time(at.AddMinutes(-5))} 4812 ERROR  Session to {peer} closed: partner not ready (code {_f.Random.Next(10, 99)})",
        };
        return string.Join('\n', lines);
    }

    private void Call(Person p, long? account, DateTime at) =>
        Emit(Calls, account, p.Email, p.FullName, $"https://recordings.farlink.example/calls/{_f.Hex(16)}.mp3",
            $"Agent: This call is recorded for training, is that all right?\n{p.First}: Yes, fine.\nAgent: How can we help?\n{p.First}: {_f.Pick(DemoText.ChatOpeners)}", at);
}
