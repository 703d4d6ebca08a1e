namespace Pledge.Redaction;

/// <summary>What replaces a detected value.</summary>
public enum RedactionOperator
{
    /// <summary>The type tag, <c>&lt;EMAIL&gt;</c>. The default.</summary>
    Tag,

    /// <summary>One <c>*</c> per character, so lengths and layout survive.</summary>
    Mask,

    /// <summary>Nothing: the value is deleted.</summary>
    Remove,

    /// <summary>
    /// A keyed pseudonym, <c>&lt;EMAIL:k1:3f9a2c1b7d4e5f60&gt;</c>: type, key id and the first 64 bits of
    /// HMAC-SHA256 over the type and the normalised value. The same value gives the same token in every file
    /// and run with the same key; without the key a token cannot be reversed or recomputed.
    /// </summary>
    Pseudonym,

    /// <summary>
    /// Keeps what analytics need and no more: the last four digits of a card (<c>**** **** **** 1111</c>), an
    /// IPv4 address truncated to its /24 (<c>192.168.1.0</c>), an IPv6 address to its /48 (<c>2001:db8:85a3::</c>),
    /// the domain of an e-mail address (<c>***@example.com</c>). Other types get their tag.
    /// </summary>
    Partial,
}
