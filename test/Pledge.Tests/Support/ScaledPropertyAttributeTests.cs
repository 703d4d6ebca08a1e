namespace Pledge.Tests.Support;

public sealed class ScaledPropertyAttributeTests
{
    [Theory]
    [InlineData(null, 1)]
    [InlineData("", 1)]
    [InlineData("1", 1)]
    [InlineData("20", 20)]
    [InlineData("10000", 10_000)]
    public void Scale_UnsetOrWholeNumber_IsTheMultiplier(string? text, int expected) =>
        Assert.Equal(expected, ScaledPropertyAttribute.Scale(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("2.5")]
    [InlineData("ten")]
    [InlineData("10001")]
    public void Scale_AnythingElse_IsRefusedByName(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ScaledPropertyAttribute.Scale(text));
        Assert.Contains(ScaledPropertyAttribute.ScaleVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attribute_MultipliesTheCasesOfTheProperty()
    {
        var expected = 300 * ScaledPropertyAttribute.Scale(Environment.GetEnvironmentVariable(ScaledPropertyAttribute.ScaleVariable));
        Assert.Equal(expected, new ScaledPropertyAttribute(300).MaxTest);
    }
}
