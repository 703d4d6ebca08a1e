using Pledge.Policy.Model;

namespace Pledge.Requests;

public sealed partial class RequestDesk
{
    /// <summary>Null when <paramref name="details"/> fit a request of <paramref name="kind"/> under the policy, else why not.</summary>
    public string? Validate(RequestKind kind, RequestDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (kind == RequestKind.Rectification)
        {
            if (details.Changes is not { Count: > 0 } changes)
            {
                return "a rectification names at least one field and its corrected value (system.table.column=value)";
            }

            foreach (var (path, value) in changes)
            {
                if (FieldOf(path) is not { } field)
                {
                    return $"'{path}' is not a personal-data field of the data map (system.table.column)";
                }

                if (FieldValidation.Check(field.Category, value) is { } problem)
                {
                    return $"{path}: {problem}";
                }
            }
        }
        else if (details.Changes is { Count: > 0 })
        {
            return "only a rectification changes fields";
        }

        if (details.Activity is { } activity)
        {
            if (kind is not (RequestKind.Objection or RequestKind.Restriction))
            {
                return "only an objection or a restriction names an activity";
            }

            if (_policy.Activity(activity) is null)
            {
                return $"'{activity}' is not an activity of the policy";
            }
        }

        return null;
    }

    /// <summary>The field a <c>system.table.column</c> path names (the table may be <c>schema.table</c>), or null.</summary>
    internal FieldMap? FieldOf(string path)
    {
        var first = path.IndexOf('.', StringComparison.Ordinal);
        var last = path.LastIndexOf('.');
        if (first <= 0 || last <= first)
        {
            return null;
        }

        return _policy.System(path[..first])?.Table(path[(first + 1)..last])?.Field(path[(last + 1)..]);
    }
}
