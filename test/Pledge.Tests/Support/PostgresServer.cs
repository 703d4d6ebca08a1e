using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Pledge.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL cluster for the test run: initdb into a temporary folder, started on 127.0.0.1 and a
/// free port, stopped and deleted at the end. The server refuses to run as root, so as root it runs as the
/// <c>postgres</c> user through runuser. Shared by every test class through <see cref="PostgresCollection"/>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _dataDir = "";
    private string _binDir = "";
    private int _databases;

    public int Port { get; private set; }

    /// <summary>Connection string of the maintenance database.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public async Task InitializeAsync()
    {
        _binDir = FindBinDir();
        _dataDir = Path.Combine(Path.GetTempPath(), "pledge-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_dataDir);
        if (IsRoot)
        {
            Run("chown", $"postgres {_dataDir}");
        }

        Port = FreePort();
        RunAsPostgres("initdb", $"-D {_dataDir}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync");
        RunAsPostgres("pg_ctl", $"-D {_dataDir}/data -l {_dataDir}/server.log -w -t 60 start " +
            $"-o \"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=on -c max_connections=200\"");
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    public Task DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            RunAsPostgres("pg_ctl", $"-D {_dataDir}/data -m immediate -w stop");
        }
        finally
        {
            try
            {
                Directory.Delete(_dataDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinDir()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending().ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install postgresql (as .ci/run does)");
    }

    private void RunAsPostgres(string tool, string arguments)
    {
        var path = Path.Combine(_binDir, tool);
        if (IsRoot)
        {
            Run("runuser", $"-u postgres -- {path} {arguments}");
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {arguments} timed out");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {stdout.Result}{stderr.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Test classes that need PostgreSQL join this collection and share one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
