namespace Pledge.Server.Banner;

/// <summary>The banner's own words, per language; English for a language not listed.</summary>
internal static class BannerText
{
    public static Dictionary<string, string> For(string language) => language switch
    {
        "de" => new()
        {
            ["title"] = "Cookies auf dieser Website",
            ["text"] = "Wir verwenden notwendige Cookies, damit die Website funktioniert. Andere setzen wir nur mit Ihrer Einwilligung; Sie können sie jederzeit widerrufen.",
            ["accept"] = "Alle akzeptieren",
            ["reject"] = "Alle ablehnen",
            ["save"] = "Auswahl speichern",
            ["notice"] = "Datenschutzhinweis",
            ["gpc"] = "Abgelehnt: Ihr Browser sendet Global Privacy Control.",
        },
        _ => new()
        {
            ["title"] = "Cookies on this site",
            ["text"] = "We use necessary cookies to make the site work. Others are set only with your consent, which you can withdraw at any time.",
            ["accept"] = "Accept all",
            ["reject"] = "Reject all",
            ["save"] = "Save choices",
            ["notice"] = "Privacy notice",
            ["gpc"] = "Refused: your browser sends Global Privacy Control.",
        },
    };
}
