using System.Globalization;
using FsCheck.Xunit;

namespace Pledge.Tests.Support;

/// <summary>
/// A property test whose number of cases the run can multiply: <c>PLEDGE_PROPERTY_SCALE=20 dotnet test</c> runs
/// every such property twenty times as often. The default (1) keeps CI quick; a longer run on a schedule sees far
/// more generated inputs, which is how boundary bugs that only show on a rare seed are found.
/// </summary>
public sealed class ScaledPropertyAttribute : PropertyAttribute
{
    public const string ScaleVariable = "PLEDGE_PROPERTY_SCALE";

    public ScaledPropertyAttribute(int cases) => MaxTest = checked(cases * Scale(Environment.GetEnvironmentVariable(ScaleVariable)));

    /// <summary>The multiplier <paramref name="text"/> gives: unset is 1, else a whole number from 1 to 10,000; anything else is refused.</summary>
    public static int Scale(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var scale) && scale is >= 1 and <= 10_000
            ? scale
            : throw new InvalidOperationException($"{ScaleVariable} must be a whole number from 1 to 10000, not '{text}'");
    }
}
