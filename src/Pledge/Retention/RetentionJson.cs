using System.Text.Json.Serialization;

namespace Pledge.Retention;

/// <summary>Source-generated JSON for the retention engine (trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class RetentionJson : JsonSerializerContext;
