namespace Pledge.Demo;

/// <summary>A person in the demo data, with the identifiers a request could name them by.</summary>
/// <param name="AccountId">Their account's id, if they are a customer.</param>
/// <param name="DeviceUid">The device id of their first device, if they have one.</param>
public sealed record DemoPerson(string FullName, string Email, string Phone, long? AccountId, string? Username, string? DeviceUid);

/// <summary>
/// A control pair: two customers with the same name and company, e-mail addresses that differ only by a dot, a
/// domain or a '+tag' (see <see cref="Difference"/>), telephone numbers that differ in the last digits, and one
/// device shared between them (the same device id and computer name, registered to each account). A search for
/// <see cref="Subject"/> must never return a row of <see cref="Twin"/>.
/// </summary>
public sealed record DemoTwins(DemoPerson Subject, DemoPerson Twin, string Difference);
