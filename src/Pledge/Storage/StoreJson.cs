using System.Text.Json.Serialization;

namespace Pledge.Storage;

/// <summary>Source-generated JSON for the few lists the store passes as JSON.</summary>
[JsonSerializable(typeof(IReadOnlyCollection<string>))]
internal sealed partial class StoreJson : JsonSerializerContext;
