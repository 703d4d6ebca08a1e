using System.Text.Json;

namespace Pledge.Tests.Server.Centre;

/// <summary>
/// The centre with the keyboard alone, in headless Chromium: the skip link comes first and takes the reader to the main
/// content, Tab then reaches every control in reading order (WCAG 2.4.3) with a visible focus indicator (2.4.7), and a
/// first-time visitor reaches the cookie banner's buttons.
/// </summary>
public sealed class CentreKeyboardTests(RunningServer server) : IClassFixture<RunningServer>
{
    /// <summary>
    /// Marks every element the keyboard should reach, in document order, with <c>data-k</c> = its position, and answers
    /// how many there are. Of a group of radio buttons only the checked one, or the first, takes Tab focus.
    /// </summary>
    private const string MarkFocusable = """
        (() => {
          const seen = new Set();
          const all = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]')]
            .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
            .filter(e => {
              if (e.type !== 'radio') return true;
              const group = [...document.querySelectorAll('input[type=radio]')].filter(r => r.name === e.name && r.form === e.form);
              const stop = group.find(r => r.checked) ?? group[0];
              return stop === e;
            });
          all.forEach((e, i) => e.setAttribute('data-k', String(i)));
          return all.length;
        })()
        """;

    private const string Focused = """
        (() => {
          const e = document.activeElement;
          if (!e || e === document.body) return { k: null, outline: false };
          const style = getComputedStyle(e);
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
          return { k: e.getAttribute('data-k'), outline, tag: e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') };
        })()
        """;

    /// <summary>Tabs through the page from the top and returns, per stop, the data-k of the focused element and whether it showed an outline.</summary>
    private static async Task<List<(string? K, bool Outline, string Tag)>> TabThroughAsync(Chromium browser, int stops)
    {
        var visited = new List<(string?, bool, string)>();
        for (var i = 0; i < stops; i++)
        {
            await browser.PressAsync("Tab");
            var focused = await browser.EvaluateAsync(Focused);
            visited.Add((focused.GetProperty("k").ValueKind == JsonValueKind.Null ? null : focused.GetProperty("k").GetString(),
                focused.GetProperty("outline").GetBoolean(), focused.TryGetProperty("tag", out var tag) ? tag.GetString()! : "body"));
        }

        return visited;
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?lang=de")]
    [InlineData("/notice")]
    [InlineData("/notice/history")]
    [InlineData("/cookies")]
    [InlineData("/requests/new")]
    [InlineData("/preferences")]
    public async Task Tab_ReachesEveryControlInReadingOrder_WithAVisibleFocus(string path)
    {
        await using var browser = await CentreClient.ReturningVisitorAsync(server);
        await browser.NavigateAsync(new Uri(server.BaseAddress, path));
        await browser.WaitForAsync("document.readyState === 'complete'");
        var count = (await browser.EvaluateAsync(MarkFocusable)).GetInt32();
        Assert.True(count >= 3, $"{path}: only {count} focusable elements");

        var visited = await TabThroughAsync(browser, count);

        Assert.Equal("A.skip", visited[0].Tag);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString()), visited.Select(v => v.K));
        var unmarked = visited.Where(v => !v.Outline).Select(v => v.Tag).ToList();
        Assert.True(unmarked.Count == 0, $"{path}: no visible focus on " + string.Join(", ", unmarked));
    }

    [Fact]
    public async Task SkipLink_WithEnter_MovesFocusPastTheHeaderIntoMain()
    {
        await using var browser = await CentreClient.ReturningVisitorAsync(server);
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/notice"));
        await browser.WaitForAsync("document.readyState === 'complete'");

        await browser.PressAsync("Tab");
        Assert.True((await browser.EvaluateAsync("document.activeElement.classList.contains('skip')")).GetBoolean());
        await browser.PressAsync("Enter");
        await browser.WaitForAsync("location.hash === '#main'");
        await browser.PressAsync("Tab");

        Assert.True((await browser.EvaluateAsync("document.getElementById('main').contains(document.activeElement)")).GetBoolean(),
            "after the skip link, Tab should land inside <main>");
    }

    [Fact]
    public async Task Banner_OnAFirstVisit_ItsButtonsAreReachableByTab()
    {
        await using var browser = await Chromium.StartAsync();
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/"));
        await browser.WaitForAsync("!!document.querySelector('.pledge-banner')");
        var buttons = (await browser.EvaluateAsync("document.querySelectorAll('.pledge-banner button').length")).GetInt32();
        Assert.True(buttons >= 2, "the banner should offer at least accept and reject");

        var reached = new HashSet<string>();
        for (var i = 0; i < 60 && reached.Count < buttons; i++)
        {
            await browser.PressAsync("Tab");
            var inBanner = await browser.EvaluateAsync(
                "(() => { const e = document.activeElement; return e && e.closest('.pledge-banner') && e.tagName === 'BUTTON' ? e.textContent.trim() : null; })()");
            if (inBanner.ValueKind == JsonValueKind.String)
            {
                reached.Add(inBanner.GetString()!);
            }
        }

        Assert.Equal(buttons, reached.Count);
    }
}
