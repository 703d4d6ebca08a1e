using System.Text.Json;
using System.Text.RegularExpressions;
using Pledge.Records;
using Pledge.Tests.TestData;

namespace Pledge.Tests.Records;

public sealed partial class RecordJsonWriterTests
{
    private static readonly Pledge.Policy.Model.Policy Policy = PolicyFiles.Load(PolicyFiles.Minimal);
    private static readonly string Json = RecordJsonWriter.ToJson(RecordOfProcessing.From(Policy));

    [Fact]
    public void ToJson_Policy_DeserialisesAndMatchesThePolicy()
    {
        using var doc = JsonDocument.Parse(Json);
        var root = doc.RootElement;
        Assert.Equal(Policy.Notice.Version, root.GetProperty("generated").GetProperty("notice_version").GetString());
        Assert.Equal(Policy.Organisation.Controller.Name, root.GetProperty("controller").GetProperty("party").GetProperty("name").GetString());
        Assert.Equal(Policy.Organisation.Dpo!.Email, root.GetProperty("controller").GetProperty("dpo").GetProperty("email").GetString());
        Assert.Equal(Policy.SecurityMeasures.Select(m => m.Default), root.GetProperty("security_measures").EnumerateArray().Select(e => e.GetString()));
        var activities = root.GetProperty("activities").EnumerateArray().ToList();
        Assert.Equal(Policy.Activities.Select(a => a.Id), activities.Select(a => a.GetProperty("id").GetString()));
        foreach (var (activity, json) in Policy.Activities.Zip(activities))
        {
            Assert.Equal(activity.Name.Default, json.GetProperty("name").GetString());
            Assert.Equal(activity.Purposes, json.GetProperty("purposes").EnumerateArray().Select(p => p.GetProperty("key").GetString()!));
            Assert.Equal(activity.Categories, json.GetProperty("categories").EnumerateArray().Select(p => p.GetProperty("key").GetString()!));
            Assert.Equal(activity.Retention, json.GetProperty("retention").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
            Assert.Equal(activity.Transfers.Length, json.GetProperty("transfers").EnumerateArray().Count(t => !t.GetProperty("from_processor_location").GetBoolean()));
        }
    }

    [Fact]
    public void ToJson_ReadBackIntoTheModel_WritesTheSameText()
    {
        var back = JsonSerializer.Deserialize<RecordOfProcessing>(Json, RecordJsonWriter.Options);
        Assert.NotNull(back);
        Assert.Equal(Json, RecordJsonWriter.ToJson(back));
    }

    [Fact]
    public void ToJson_EveryPropertyName_IsSnakeCase()
    {
        using var doc = JsonDocument.Parse(Json);
        var names = new List<string>();
        Collect(doc.RootElement, names);
        Assert.All(names, n => Assert.Matches(SnakeCase(), n));
        Assert.Contains("article9_condition", names);
    }

    [Fact]
    public void ToJson_SamePolicyLoadedTwice_SameText()
    {
        Assert.Equal(Json, RecordJsonWriter.ToJson(RecordOfProcessing.From(PolicyFiles.Load(PolicyFiles.Minimal))));
    }

    [Fact]
    public void ToJson_NonAsciiAndQuotes_WrittenReadably()
    {
        Assert.Contains("\"phone\": \"+49 30 1234567\"", Json, StringComparison.Ordinal);
        Assert.Contains("für Datenschutz", Json, StringComparison.Ordinal);
        Assert.Contains("Dana \\\"DPO\\\" Schmidt", Json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_MinimalPolicy_MatchesSnapshot()
    {
        Snapshot.Match("minimal.record.json", Json);
    }

    private static void Collect(JsonElement element, List<string> names)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                names.Add(property.Name);
                Collect(property.Value, names);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, names);
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();
}
