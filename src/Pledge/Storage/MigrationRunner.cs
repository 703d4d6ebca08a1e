using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Pledge.Audit;

namespace Pledge.Storage;

/// <summary>
/// Applies the versioned SQL migrations embedded per dialect (<c>Storage/Migrations/{sqlite,postgres}/NNNN_name.sql</c>)
/// that a store lacks, in order, in one transaction, and records each in <c>schema_migrations</c> with a checksum.
/// Refuses a store that has a migration this version does not know, or whose applied migration was edited.
/// On PostgreSQL an advisory lock keeps instances that start together from migrating twice.
/// </summary>
internal static class MigrationRunner
{
    private const long AdvisoryLockKey = 0x504C_4544_4745; // "PLEDGE"

    public static IReadOnlyList<Migration> For(StoreKind kind)
    {
        var prefix = $"Pledge.Storage.Migrations.{(kind == StoreKind.Postgres ? "postgres" : "sqlite")}.";
        var assembly = Assembly.GetExecutingAssembly();
        var list = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var file = name[prefix.Length..^".sql".Length];
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd();
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            list.Add(new Migration(int.Parse(file[..underscore], CultureInfo.InvariantCulture), file[(underscore + 1)..], sql,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))))));
        }

        return [.. list.OrderBy(m => m.Version)];
    }

    public static Task ApplyAsync(OwnStore store, bool migrate, CancellationToken cancellationToken) =>
        store.WriteAsync(async (tx, ct) =>
        {
            if (tx.Kind == StoreKind.Postgres)
            {
                using var lockCommand = tx.Command($"SELECT pg_advisory_xact_lock({AdvisoryLockKey.ToString(CultureInfo.InvariantCulture)})");
                await lockCommand.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            using (var create = tx.Command(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            var applied = new Dictionary<int, string>();
            using (var read = tx.Command("SELECT version, checksum FROM schema_migrations"))
            using (var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    applied[reader.GetInt32(0)] = reader.GetString(1);
                }
            }

            var known = For(store.Kind);
            if (applied.Keys.Where(v => known.All(m => m.Version != v)).Order().FirstOrDefault() is var unknown and > 0)
            {
                throw new StoreException(StoreErrorKind.SchemaTooNew,
                    $"the store has schema migration {unknown}, which this version of Pledge does not know; it was written by a newer Pledge");
            }

            foreach (var migration in known.Where(m => applied.ContainsKey(m.Version)))
            {
                if (!string.Equals(applied[migration.Version], migration.Checksum, StringComparison.Ordinal))
                {
                    throw new StoreException(StoreErrorKind.MigrationChanged,
                        $"schema migration {migration.Version} ({migration.Name}) differs from the one applied to this store");
                }
            }

            var pending = known.Where(m => !applied.ContainsKey(m.Version)).ToList();
            if (pending.Count > 0 && !migrate)
            {
                throw new StoreException(StoreErrorKind.SchemaTooNew, $"the store lacks {pending.Count} schema migration(s) and migration is turned off");
            }

            foreach (var migration in pending)
            {
                using (var apply = tx.Command(migration.Sql))
                {
                    await apply.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                using (var record = tx.Command("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@v, @n, @c, @at)"))
                {
                    record.With("@v", migration.Version).With("@n", migration.Name).With("@c", migration.Checksum)
                        .With("@at", StoreTime.ToMicros(store.Time.GetUtcNow()));
                    await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                StoreLog.MigrationApplied(store.Logger, migration.Version, migration.Name, store.Kind);
                tx.Audit(new AuditEntry("pledge", "store.migrate", null, $"migration {migration.Version} {migration.Name}"));
            }
        }, cancellationToken);
}

/// <summary>One versioned schema change.</summary>
internal sealed record Migration(int Version, string Name, string Sql, string Checksum);
