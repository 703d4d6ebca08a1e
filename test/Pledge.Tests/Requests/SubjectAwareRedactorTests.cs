using Pledge.Connectors.Locating;
using Pledge.Policy.Loading;
using Pledge.Requests.Export;
using Pledge.Tests.Support;

namespace Pledge.Tests.Requests;

/// <summary>An access export hands over the subject's own data and hides third parties' (Art. 15(4)).</summary>
public sealed class SubjectAwareRedactorTests
{
    private static readonly Lazy<Pledge.Policy.Model.Policy> Example = new(() => PolicyLoader.Load(Repo.ExamplePolicy).Policy!);

    private static SubjectRows Rows()
    {
        var chats = Example.Value.System("marketing")!.Table("chat_transcripts")!;
        return new SubjectRows(
        [
            new LocatedTable("marketing", chats, ["visitor_email", "visitor_name", "transcript"],
            [
                new LocatedRow(new RowKey(1L), ["ada@example.com", "Ada Byron", "My address is ada@example.com; my colleague bob.smith@corp.example can help."]),
            ]),
        ], []);
    }

    [Fact]
    public void Redact_ThirdPartyEmailInTranscript_ReplacedByTag()
    {
        var redactor = SubjectAwareRedactor.ForSubject(Rows(), "ada@example.com");

        var text = redactor.Redact("marketing", "chat_transcripts", "transcript", "My address is ada@example.com; my colleague bob.smith@corp.example can help.");

        Assert.Equal("My address is ada@example.com; my colleague <EMAIL> can help.", text);
    }

    [Fact]
    public void Redact_ThirdPartyPhoneAndIp_Replaced_OwnValuesKept()
    {
        var redactor = SubjectAwareRedactor.ForSubject(Rows(), "ADA@example.com ");

        var text = redactor.Redact("marketing", "chat_transcripts", "transcript", "Call Eve on +44 20 7946 0958 from 203.0.113.9, or mail ADA@EXAMPLE.COM");

        Assert.DoesNotContain("7946", text, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113.9", text, StringComparison.Ordinal);
        Assert.EndsWith("ADA@EXAMPLE.COM", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Applies_OnlyFreeTextCategories()
    {
        var redactor = SubjectAwareRedactor.ForSubject(Rows(), "ada@example.com");

        Assert.True(redactor.Applies("user.content.messages"));
        Assert.False(redactor.Applies("user.contact.email"));
    }
}
