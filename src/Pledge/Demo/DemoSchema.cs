using System.Collections.Immutable;

namespace Pledge.Demo;

/// <summary>The type of a demo column, rendered per database.</summary>
internal enum DemoType
{
    /// <summary>The primary key: bigint, assigned by the generator.</summary>
    Id,
    /// <summary>A foreign key (bigint) to the table <see cref="DemoColumn.References"/> names.</summary>
    Ref,
    Text,
    /// <summary>A UTC instant: timestamptz on PostgreSQL, ISO text on SQLite (as Microsoft.Data.Sqlite writes DateTime).</summary>
    Time,
    Bool,
    Int,
}

internal sealed record DemoColumn(string Name, DemoType Type, string? References = null);

/// <summary>A demo table: its columns in insert order and the indexes a DBA would give it (each a column; unique ones marked).</summary>
internal sealed record DemoTable(string System, string Name, ImmutableArray<DemoColumn> Columns, ImmutableArray<string> Indexes, ImmutableArray<string> UniqueIndexes)
{
    public string Key => System + "." + Name;
}

/// <summary>
/// The example vendor's databases: exactly the tables and columns of examples/remote-access-vendor/data-map.yaml
/// (a test holds the two in step). Every identity and reference column is indexed, and so is every timestamp a
/// retention rule counts from.
/// </summary>
internal static class DemoSchema
{
    /// <summary>The systems, with the environment variable the example's data map reads each connection string from.</summary>
    public static ImmutableArray<(string Id, string Variable)> Systems { get; } =
        [("app", "PLEDGE_APP_DB"), ("marketing", "PLEDGE_MARKETING_DB"), ("hr", "PLEDGE_HR_DB")];

    public static DemoTable Accounts { get; } = Table("app", "accounts", "id:id email username phone full_name company password_hash usage_data_enabled:bool created_at:time last_sign_in_at:time closed_at:time", "phone closed_at", "email username");
    public static DemoTable Devices { get; } = Table("app", "devices", "id:id account_id>accounts device_uid computer_name os_version last_ip registered_at:time last_seen_at:time", "account_id device_uid last_seen_at");
    public static DemoTable SignIns { get; } = Table("app", "sign_ins", "id:id account_id>accounts device_id>devices ip_address user_agent signed_in_at:time", "account_id device_id signed_in_at");
    public static DemoTable Sessions { get; } = Table("app", "sessions", "id:id account_id>accounts device_id>devices peer_computer_name peer_address duration_seconds:int started_at:time ended_at:time", "account_id device_id started_at");
    public static DemoTable AddressBook { get; } = Table("app", "address_book_entries", "id:id account_id>accounts display_name remote_computer_name remote_address notes created_at:time", "account_id");
    public static DemoTable ViewerCache { get; } = Table("app", "viewer_cache", "id:id device_id>devices recent_connections cached_credentials updated_at:time", "device_id");
    public static DemoTable Telemetry { get; } = Table("app", "telemetry_events", "id:id account_id>accounts device_id>devices event_name properties occurred_at:time", "account_id device_id occurred_at");
    public static DemoTable Tickets { get; } = Table("app", "support_tickets", "id:id account_id>accounts contact_email status subject body opened_at:time closed_at:time", "account_id contact_email closed_at");
    public static DemoTable Logs { get; } = Table("app", "support_logs", "id:id ticket_id>support_tickets file_name content uploaded_at:time", "ticket_id");
    public static DemoTable Invoices { get; } = Table("app", "invoices", "id:id account_id>accounts billing_name billing_address vat_number amount_cents:int issued_at:time", "account_id issued_at");
    public static DemoTable Calls { get; } = Table("app", "call_recordings", "id:id account_id>accounts participant_email participant_name recording_uri transcript recorded_at:time", "account_id participant_email recorded_at");

    public static DemoTable WebRequests { get; } = Table("marketing", "web_requests", "id:id visitor_id ip_address user_agent referrer path requested_at:time", "visitor_id requested_at");
    public static DemoTable Chats { get; } = Table("marketing", "chat_transcripts", "id:id visitor_id visitor_email visitor_name transcript started_at:time", "visitor_id visitor_email started_at");
    public static DemoTable Subscribers { get; } = Table("marketing", "subscribers", "id:id email first_name topics subscribed_at:time member_since:time unsubscribed_at:time", "subscribed_at member_since unsubscribed_at", "email");
    public static DemoTable Contacts { get; } = Table("marketing", "crm_contacts", "id:id email phone full_name company source notes created_at:time last_activity_at:time", "email phone last_activity_at");
    public static DemoTable Orders { get; } = Table("marketing", "crm_orders", "id:id contact_id>crm_contacts order_value_cents:int ordered_at:time", "contact_id");
    public static DemoTable Registrations { get; } = Table("marketing", "event_registrations", "id:id email full_name company kind answers registered_at:time event_ends_at:time", "email event_ends_at");

    public static DemoTable Applications { get; } = Table("hr", "applications", "id:id email full_name phone cv_text referees adjustments_needed applied_at:time decided_at:time", "email decided_at");
    public static DemoTable Diversity { get; } = Table("hr", "diversity_monitoring", "id:id application_id>applications ethnicity disability submitted_at:time", "application_id submitted_at");

    /// <summary>Every table, parents before children within a system.</summary>
    public static ImmutableArray<DemoTable> Tables { get; } =
    [
        Accounts, Devices, SignIns, Sessions, AddressBook, ViewerCache, Telemetry, Tickets, Logs, Invoices, Calls,
        WebRequests, Chats, Subscribers, Contacts, Orders, Registrations,
        Applications, Diversity,
    ];

    /// <summary>Reads <c>name</c>, <c>name:type</c> or <c>name&gt;table</c> (a reference) column specs.</summary>
    private static DemoTable Table(string system, string name, string columns, string indexes, string unique = "")
    {
        var parsed = columns.Split(' ').Select(spec =>
        {
            if (spec.Split('>') is [var reference, var target])
            {
                return new DemoColumn(reference, DemoType.Ref, target);
            }

            return spec.Split(':') switch
            {
                [var column, "id"] => new DemoColumn(column, DemoType.Id),
                [var column, "time"] => new DemoColumn(column, DemoType.Time),
                [var column, "bool"] => new DemoColumn(column, DemoType.Bool),
                [var column, "int"] => new DemoColumn(column, DemoType.Int),
                _ => new DemoColumn(spec, DemoType.Text),
            };
        });
        return new DemoTable(system, name, [.. parsed], Split(indexes), Split(unique));
    }

    private static ImmutableArray<string> Split(string names) => [.. names.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
}
