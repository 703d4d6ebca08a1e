namespace Pledge.Requests.Email;

/// <summary>A plain-text e-mail.</summary>
public sealed record EmailMessage(string To, string Subject, string Body);
