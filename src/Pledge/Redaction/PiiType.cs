namespace Pledge.Redaction;

/// <summary>
/// The kinds of personal data the redactor finds. The upper-case name (<see cref="PiiTypes.Tag"/>) is what a
/// type tag, a keyed pseudonym and the report show: <c>EMAIL</c>, <c>IPV4</c>, <c>IPV6</c>, <c>MAC</c>,
/// <c>PHONE</c>, <c>CARD</c>, <c>IBAN</c>, <c>USERNAME</c>, <c>HOSTNAME</c>, <c>NAME</c>.
/// </summary>
public enum PiiType
{
    /// <summary>An e-mail address, <c>anna.berg@example.com</c>.</summary>
    Email,

    /// <summary>An IPv4 address in dotted-quad form; a following <c>:port</c> is left in place.</summary>
    IPv4,

    /// <summary>An IPv6 address in any textual form (full, compressed, embedded IPv4, with a <c>%zone</c>).</summary>
    IPv6,

    /// <summary>A MAC address: <c>00:1A:2B:3C:4D:5E</c>, <c>00-1A-2B-3C-4D-5E</c> or <c>001A.2B3C.4D5E</c>.</summary>
    Mac,

    /// <summary>A phone number in international (<c>+44 20 7946 0958</c>) or common national form.</summary>
    Phone,

    /// <summary>A payment card number that passes the Luhn check and has a known issuer prefix.</summary>
    Card,

    /// <summary>An IBAN with a valid mod-97 checksum and its country's length, compact or in groups of four.</summary>
    Iban,

    /// <summary>An account name in its usual log forms: <c>DOMAIN\user</c>, <c>user=</c>, <c>/home/x</c>, <c>C:\Users\x</c>.</summary>
    Username,

    /// <summary>A host or computer name: a DNS name under a known top-level domain, a Windows default name, <c>host=</c>.</summary>
    Hostname,

    /// <summary>A person's name (or any value) supplied at run time as a known value.</summary>
    Name,
}
