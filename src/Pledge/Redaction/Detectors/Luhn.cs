using System.Runtime.CompilerServices;
namespace Pledge.Redaction.Detectors;

/// <summary>The Luhn (mod 10) check digit of ISO/IEC 7812.</summary>
internal static class Luhn
{
    /// <summary>True when the ASCII digits pass the Luhn check; other bytes (group separators) are skipped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsValid(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if ((uint)d > 9)
            {
                continue;
            }

            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
