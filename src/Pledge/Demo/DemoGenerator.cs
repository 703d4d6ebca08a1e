namespace Pledge.Demo;

/// <summary>
/// Generates the example vendor's data, person by person, into a <see cref="DemoWriter"/>. Every value comes from
/// one <see cref="Random"/> seeded by the caller, and every instant is relative to the given day, so one seed and
/// day always give the same rows. Rows of a person are written parents first; ids are assigned in order.
/// </summary>
internal sealed partial class DemoGenerator
{
    private readonly DemoFaker _f;
    private readonly DemoWriter _writer;
    private readonly Dictionary<DemoTable, long> _ids = [];
    private readonly List<DemoTwins> _twins = [];
    private readonly string[] _recentEmails = new string[64];
    private int _people;

    public DemoGenerator(int seed, DateTime today, DemoWriter writer)
    {
        _f = new DemoFaker(new Random(seed), today);
        _writer = writer;
        foreach (var table in DemoSchema.Tables)
        {
            _ids[table] = 0;
        }
    }

    /// <summary>Rows written per table: the last id, since ids count from 1.</summary>
    public IReadOnlyDictionary<DemoTable, long> Counts => _ids;

    public IReadOnlyList<DemoTwins> Twins => _twins;

    public long Rows => _ids.Values.Sum();

    /// <summary>Writes customers, each with the people around them, until at least <paramref name="rows"/> rows are written.</summary>
    public void Run(long rows, CancellationToken cancellationToken)
    {
        long written = 0;
        for (var i = 0; written < rows || i < 3; i++)
        {
            if (i % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var customer = NewCustomer(NewPerson(company: _f.Chance(0.45)), shared: null);
            if (i % 20 == 1)
            {
                PlantTwin(customer);
            }

            Bystanders();
            written = Rows;
        }
    }

    /// <summary>Someone the data is about: names, a unique normalised e-mail address, a telephone number, a cookie id.</summary>
    private Person NewPerson(bool company)
    {
        var (first, last) = _f.Name();
        var employer = company ? _f.Pick(DemoText.Companies) : null;
        var email = _f.Email(first, last, employer is not null && _f.Chance(0.7) ? DemoFaker.CompanyDomain(employer) : null);
        _recentEmails[_people++ % _recentEmails.Length] = email;
        return new Person(first, last, email, _f.Phone(), employer, _f.Hex(32));
    }

    /// <summary>Another person's e-mail address, for text that mentions third parties.</summary>
    private string SomeoneElse(string self)
    {
        var other = _recentEmails[_f.Random.Next(Math.Min(_people, _recentEmails.Length))];
        return other == self ? "it-desk@" + DemoFaker.CompanyDomain(_f.Pick(DemoText.Companies)) : other;
    }

    /// <summary>Writes a row; the id comes first and is assigned here.</summary>
    private long Emit(DemoTable table, params object?[] values)
    {
        if (values.Length != table.Columns.Length - 1)
        {
            throw new InvalidOperationException($"{table.Key}: {values.Length} values for {table.Columns.Length - 1} columns");
        }

        var id = ++_ids[table];
        var row = new object?[table.Columns.Length];
        row[0] = id;
        values.CopyTo(row, 1);
        _writer.Add(table, row);
        return id;
    }

    private void PlantTwin(Customer subject)
    {
        var p = subject.Person;
        var at = p.Email.IndexOf('@', StringComparison.Ordinal);
        var (local, domain) = (p.Email[..at], p.Email[(at + 1)..]);
        var variants = new (string Difference, string Email)[]
        {
            ("dot", (local.Contains('.', StringComparison.Ordinal) ? local.Replace(".", "", StringComparison.Ordinal) : local[..1] + "." + local[1..]) + "@" + domain),
            ("domain", local + "@" + (domain == DemoText.MailDomains[0] ? DemoText.MailDomains[1] : DemoText.MailDomains[0])),
            ("plus", local + "+farlink@" + domain),
        };
        var (difference, email) = variants[_twins.Count % variants.Length];
        if (!_f.TryClaimEmail(email))
        {
            return; // another person already has this address: no twin this time
        }

        var phone = p.Phone[..^2] + ((int.Parse(p.Phone[^2..], System.Globalization.CultureInfo.InvariantCulture) + 1) % 90 + 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var twin = NewCustomer(p with { Email = email, Phone = phone, VisitorId = _f.Hex(32) }, shared: subject.FirstDevice);
        _twins.Add(new DemoTwins(subject.ToDemoPerson(), twin.ToDemoPerson(), difference));
    }

    private sealed record Person(string First, string Last, string Email, string Phone, string? Company, string VisitorId)
    {
        public string FullName => First + " " + Last;
    }

    private sealed record Customer(Person Person, long AccountId, string Username, (string Uid, string ComputerName)? FirstDevice)
    {
        public DemoPerson ToDemoPerson() => new(Person.FullName, Person.Email, Person.Phone, AccountId, Username, FirstDevice?.Uid);
    }
}
