using System.CommandLine;
using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Cli.Commands.Consent;

/// <summary>The options every command on the own store takes: where it is, which policy, and local key mode.</summary>
internal sealed class StoreOptions
{
    public const string LocalVariable = "PLEDGE_LOCAL";

    public Option<string?> Store { get; } = new("--store")
    {
        Description = $"The own store: sqlite:PATH or postgres:Host=...;Database=... (default: ${StoreLocation.EnvironmentVariable}, else pledge.db in ${StoreLocation.HomeVariable} or the current folder).",
        Recursive = true,
    };

    public Option<string?> Policy { get; } = new("--policy")
    {
        Description = $"The policy file (default: ${PolicyArgument.EnvironmentVariable}, else the example vendor's policy).",
        Recursive = true,
    };

    public Option<bool> Local { get; } = new("--local")
    {
        Description = $"Without ${PseudonymKey.EnvironmentVariable}, use (and create) a local key file instead of refusing: for trying Pledge out, not for production.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Policy);
        command.Options.Add(Local);
    }

    /// <summary>Opens the store the options name; on failure prints one line and gives the exit code.</summary>
    public async Task<(OwnStore? Store, int ExitCode)> OpenStoreAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var location = StoreLocation.Resolve(parse.GetValue(Store), Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable),
            Environment.GetEnvironmentVariable(StoreLocation.HomeVariable));
        if (location.Location is null)
        {
            return (null, Output.Fail(ExitCodes.Configuration, "store: " + location.Error));
        }

        try
        {
            return (await OwnStore.OpenAsync(location.Location, cancellationToken: cancellationToken), ExitCodes.Ok);
        }
        catch (StoreException e)
        {
            return (null, Output.Fail(e.Kind == StoreErrorKind.Unavailable ? ExitCodes.Unavailable : ExitCodes.Configuration, e.Message));
        }
    }

    /// <summary>The pseudonym key from the environment, or in local mode from the key file; prints why not.</summary>
    public PseudonymKey? ResolveKey(ParseResult parse)
    {
        var local = parse.GetValue(Local) || Environment.GetEnvironmentVariable(LocalVariable) == "1";
        var result = PseudonymKey.Resolve(Environment.GetEnvironmentVariable(PseudonymKey.EnvironmentVariable), local, LocalKeyFile());
        if (result.Warning is not null)
        {
            Output.Note(result.Warning);
        }

        if (result.Error is not null)
        {
            Output.Fail(ExitCodes.Configuration, result.Error);
        }

        return result.Key;
    }

    /// <summary>The local key file: in $PLEDGE_HOME, else in the user's configuration folder — never inside the store.</summary>
    public static string LocalKeyFile()
    {
        var home = Environment.GetEnvironmentVariable(StoreLocation.HomeVariable);
        if (!string.IsNullOrWhiteSpace(home))
        {
            return Path.Combine(home, "pseudonym.key");
        }

        var config = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
        return Path.Combine(string.IsNullOrEmpty(config) ? Environment.CurrentDirectory : config, "pledge", "pseudonym.key");
    }
}
