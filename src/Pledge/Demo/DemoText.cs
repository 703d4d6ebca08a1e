namespace Pledge.Demo;

/// <summary>Word lists the demo data is drawn from. Domains are under the reserved .example top-level domain.</summary>
internal static class DemoText
{
    public static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hamza", "Ines", "Jonas", "Katarzyna", "Liam", "Maja",
        "Noah", "Olivia", "Pavel", "Quentin", "Rosa", "Samir", "Tamara", "Umut", "Valentina", "William", "Xenia", "Yusuf",
        "Zoe", "Aoife", "Björn", "Chiara", "Dmitri", "Emma", "Farah", "Giulia", "Hiroshi", "Ingrid", "Javier", "Leonie",
        "Mateo", "Nadia", "Oskar", "Priya", "Rafael", "Sofia", "Thomas", "Ulrike", "Victor", "Wen", "Yara", "Zeynep",
        "Amélie", "Søren", "José", "Łukasz", "Renée", "Chloé", "Jürgen", "Siobhán", "Mei", "Kwame", "Lena",
    ];

    public static readonly string[] LastNames =
    [
        "Schmidt", "Müller", "Jansen", "de Vries", "Smith", "Jones", "O'Brien", "Kowalski", "Novak", "Rossi", "García",
        "Martin", "Dubois", "Andersson", "Nielsen", "Yılmaz", "Papadopoulos", "Horvat", "Ivanova", "Khan", "Patel",
        "Nguyen", "Kim", "Tanaka", "Silva", "Costa", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Van Dijk",
        "Bakker", "Murphy", "Kelly", "Walsh", "Brown", "Taylor", "Wilson", "Evans", "Thomas", "Roberts", "Lewis",
        "Hughes", "Moreau", "Lefebvre", "Fernández", "López", "Bianchi", "Romano", "Lindqvist", "Berg", "Hansen",
        "Nowak", "Wiśniewska", "Dvořák", "Szabó", "Popescu", "Mensah", "Okafor",
    ];

    public static readonly string[] Companies =
    [
        "Northwind Traders", "Blue Heron Logistics", "Keller & Sohn GmbH", "Polder Systems BV", "Tidewater Health",
        "Ashgrove Accountants LLP", "Lumen Print Works", "Fjord Analytics AB", "Oakridge Schools Trust", "Brightmill Ltd",
        "Cobalt Dental Group", "Vireo Architects", "Harbourside Hotels", "Quarry Lane Legal", "Redfern Engineering",
        "Solace Care Homes", "Tern Marine Services", "Umbra Studios", "Westfield Motors", "Zephyr Travel",
        "Alder & Finch", "Beacon IT Services", "Cedar Pharmacy", "Delta Freight SARL", "Elm Street Bakery",
    ];

    public static readonly string[] MailDomains = ["mailbox.example", "post.example", "webmail.example", "inbox.example", "mail.example.de", "correo.example"];

    public static readonly string[] Cities =
    [
        "Leeds LS1 4AB, GB", "Manchester M1 2HF, GB", "10115 Berlin, DE", "80331 München, DE", "1012 AB Amsterdam, NL",
        "75002 Paris, FR", "28013 Madrid, ES", "00184 Roma, IT", "111 52 Stockholm, SE", "D02 X285 Dublin, IE",
    ];

    public static readonly string[] Streets = ["Station Road", "High Street", "Hauptstraße", "Kerkstraat", "Rue de la Paix", "Calle Mayor", "Via Roma", "Drottninggatan", "Mill Lane", "Church Street"];

    public static readonly string[] OsVersions = ["Windows 11 23H2", "Windows 11 24H2", "Windows 10 22H2", "macOS 14.5", "macOS 15.1", "Ubuntu 22.04", "Ubuntu 24.04", "Android 14", "iOS 17.5", "ChromeOS 126"];

    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Farlink/15.54.3 (Windows 11; x64)", "Farlink/15.54.3 (macOS 14.5; arm64)", "Farlink/15.41.0 (Android 14)",
    ];

    public static readonly string[] TelemetryEvents =
    [
        "session.started", "session.ended", "file_transfer.completed", "update.checked", "settings.changed",
        "remote_print.used", "chat.opened", "wake_on_lan.sent", "screen_recording.started", "meeting.joined",
    ];

    public static readonly string[] TicketSubjects =
    [
        "Cannot connect to {0}", "Black screen when connecting to {0}", "Licence not recognised after upgrade",
        "File transfer stops at 99%", "Keyboard layout wrong on {0}", "Unattended access lost after Windows update",
        "Invoice address needs changing", "Two-factor codes not arriving", "Session drops every few minutes",
    ];

    public static readonly string[] TicketBodies =
    [
        "Hi, since this morning I cannot reach {0} ({1}). The viewer says the partner is offline, but it is running. My user is {2}.",
        "Hello support, when I connect from {1} to {0} I only see a black screen. Logs attached. Thanks, {3}",
        "Dear team, please help: my colleague works on {0} and the connection drops after about five minutes. Our IP is {1}.",
        "Good afternoon, after the upgrade the licence shows as expired. Account {2}. Kind regards, {3}",
    ];

    public static readonly string[] WebPaths = ["/", "/pricing", "/download", "/download/windows", "/features/file-transfer", "/blog/remote-work-security", "/support", "/contact-sales", "/careers", "/legal/privacy"];

    public static readonly string[] Referrers = ["", "https://search.example/?q=remote+desktop", "https://news.example/tech/remote-access-review", "https://social.example/farlink", "https://partner.example/tools"];

    public static readonly string[] Topics = ["product-news", "webinars", "security-advisories", "tips", "events"];

    public static readonly string[] CrmSources = ["web_enquiry", "evaluation", "event", "support", "partner"];

    public static readonly string[] Ethnicities = ["White", "Mixed or multiple ethnic groups", "Asian or Asian British", "Black, African, Caribbean or Black British", "Other ethnic group", "Prefer not to say"];

    public static readonly string[] Disabilities = ["No", "Yes", "Prefer not to say"];

    public static readonly string[] Adjustments = ["Step-free access to the interview room", "Extra time for the written exercise", "Interview by video call", "Screen reader compatible documents"];

    public static readonly string[] JobTitles = ["Support Engineer", "Backend Developer", "Account Executive", "Product Designer", "Site Reliability Engineer", "Technical Writer"];

    public static readonly string[] ChatOpeners =
    [
        "Hi, I'd like a quote for 25 seats.", "Does Farlink work on Linux?", "Can I try the Teams edition first?",
        "How do I move my licence to a new computer?", "Is my data stored in the EU?",
    ];
}
