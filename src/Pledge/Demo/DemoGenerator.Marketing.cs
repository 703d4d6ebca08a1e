using static Pledge.Demo.DemoSchema;

namespace Pledge.Demo;

internal sealed partial class DemoGenerator
{
    /// <summary>A person's marketing footprint: website visits, chats, newsletter, CRM record and orders, events.</summary>
    private void Footprint(Person p, DateTime? customerSince, bool hasOrders)
    {
        for (var n = _f.Count(12); n > 0; n--)
        {
            Emit(WebRequests, p.VisitorId, _f.Ip(), _f.Pick(DemoText.UserAgents), _f.Pick(DemoText.Referrers), _f.Pick(DemoText.WebPaths), _f.Past(8));
        }

        if (_f.Chance(0.1))
        {
            Chat(p.VisitorId, p.Email, p.FullName, p.First);
        }

        if (_f.Chance(0.35))
        {
            var subscribed = _f.Past(8);
            DateTime? member = customerSince is { } since && since > subscribed ? since : null;
            DateTime? unsubscribed = _f.Chance(0.2) ? _f.Between(subscribed) : null;
            var topics = string.Join(",", DemoText.Topics.Where(_ => _f.Chance(0.5)).DefaultIfEmpty(DemoText.Topics[0]));
            Emit(Subscribers, p.Email, p.First, topics, subscribed, member, unsubscribed);
        }

        if (hasOrders ? _f.Chance(0.5) : _f.Chance(0.9))
        {
            var created = _f.Past(8);
            var contact = Emit(Contacts, p.Email, _f.Chance(0.6) ? p.Phone : null, p.FullName, p.Company, _f.Pick(DemoText.CrmSources),
                _f.Chance(0.5) ? $"Spoke with {p.First} about {_f.Pick(["a 25-seat quote", "the Teams edition", "an on-premise relay", "renewal"])}." : null,
                created, _f.Between(created));
            if (hasOrders)
            {
                for (var n = 1 + _f.Random.Next(3); n > 0; n--)
                {
                    Emit(Orders, contact, (long)_f.Random.Next(2_000, 2_000_000), _f.Between(created));
                }
            }
        }

        if (_f.Chance(0.12))
        {
            var competition = _f.Chance(0.3);
            var ends = _f.Past(8);
            Emit(Registrations, p.Email, p.FullName, p.Company, competition ? "competition" : "event",
                competition ? $"Answer: {_f.Random.Next(1, 100)} remote sessions" : $"T-shirt: {_f.Pick(["S", "M", "L", "XL"])}; diet: {_f.Pick(["none", "vegetarian", "vegan", "halal"])}",
                DemoFaker.Seconds(ends.AddDays(-_f.Random.Next(1, 60))), ends);
        }
    }

    /// <summary>A website chat: the visitor mentions a colleague's e-mail address and a telephone number.</summary>
    private void Chat(string visitorId, string? email, string? name, string first)
    {
        var third = SomeoneElse(email ?? "");
        var transcript = string.Join('\n',
            $"Visitor: {_f.Pick(DemoText.ChatOpeners)}",
            "Agent: Happy to help. Who should we send the details to?",
            $"Visitor: Please copy my colleague {third}, or call {_f.Phone()}. I'm {first}.",
            "Agent: Done. Anything else?");
        Emit(Chats, visitorId, email, name, transcript, _f.Past(3));
    }

    /// <summary>People around the customers: prospects, anonymous visitors, applicants.</summary>
    private void Bystanders()
    {
        if (_f.Chance(0.35))
        {
            var prospect = NewPerson(company: _f.Chance(0.7));
            Footprint(prospect, customerSince: null, hasOrders: false);
            if (_f.Chance(0.1))
            {
                Call(prospect, null, _f.Past(2));
            }
        }

        if (_f.Chance(0.6))
        {
            var visitor = _f.Hex(32);
            for (var n = _f.Count(10); n > 0; n--)
            {
                Emit(WebRequests, visitor, _f.Ip(), _f.Pick(DemoText.UserAgents), _f.Pick(DemoText.Referrers), _f.Pick(DemoText.WebPaths), _f.Past(8));
            }

            if (_f.Chance(0.05))
            {
                Chat(visitor, null, null, _f.Pick(DemoText.FirstNames));
            }
        }

        if (_f.Chance(0.04))
        {
            Applicant(NewPerson(company: false));
        }
    }

    private void Applicant(Person p)
    {
        var applied = _f.Past(4);
        DateTime? decided = _f.Chance(0.8) ? DemoFaker.Seconds(applied.AddDays(_f.Random.Next(7, 90))) : null;
        if (decided > _f.Now)
        {
            decided = null;
        }

        var (refFirst, refLast) = _f.Name();
        var job = _f.Pick(DemoText.JobTitles);
        var application = Emit(DemoSchema.Applications, p.Email, p.FullName, p.Phone,
            $"{job} with {_f.Random.Next(1, 15)} years' experience at {_f.Pick(DemoText.Companies)}. Languages: English, {_f.Pick(["German", "Dutch", "French", "Polish", "Turkish"])}.",
            $"{refFirst} {refLast}, {_f.Email(refFirst, refLast)}", _f.Chance(0.1) ? _f.Pick(DemoText.Adjustments) : null, applied, decided);
        if (_f.Chance(0.6))
        {
            Emit(Diversity, application, _f.Pick(DemoText.Ethnicities), _f.Pick(DemoText.Disabilities), DemoFaker.Seconds(applied.AddMinutes(_f.Random.Next(1, 60))));
        }
    }
}
