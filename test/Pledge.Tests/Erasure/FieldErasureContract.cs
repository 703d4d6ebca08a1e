using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Pledge.Audit;
using Pledge.Connectors;
using Pledge.Connectors.Locating;
using Pledge.Erasure;
using Pledge.Policy.Model;

namespace Pledge.Tests.Erasure;

/// <summary>What <see cref="FieldErasure"/>'s statements do on each store: exactly the keyed rows and fields, HMAC tokens equal to C#'s.</summary>
public abstract class FieldErasureContract
{
    internal static readonly ErasureKey Key = ErasureKey.From(PseudonymKey.Parse(Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray())).Key!);

    private static readonly string[] Hostile = ["'; DROP TABLE people; --", "O'Brien \"quoted\"", "Zoë 山田 🙂", "", "a\\b\tc"];

    protected abstract SqlDialect Dialect { get; }

    /// <summary>A connection to a new empty database of this store.</summary>
    protected abstract Task<DbConnection> OpenEmptyAsync();

    [Fact]
    public async Task Hash_SameValueOnBothStores_EqualsCSharpHmac()
    {
        await using var connection = await SeededAsync();
        var statements = FieldErasure.Build(Dialect, "people", ["id"], Keys(1, 2, 3, 4, 5), [new FieldAction("email", ErasureStrategy.Hash)], Key);
        FieldErasure.Prepare(connection, Key);
        await FieldErasure.ExecuteAsync(connection, null, statements);

        var rows = await DumpAsync(connection);
        for (var i = 0; i < Hostile.Length; i++)
        {
            var derived = HMACSHA256.HashData(PseudonymKeyBytes(), "pledge-erasure-v1"u8);
            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(derived, Encoding.UTF8.GetBytes(Hostile[i])));
            Assert.Equal(expected, rows[i + 1][1]);
            Assert.Equal(Key.Token(Hostile[i]), rows[i + 1][1]);
        }

        Assert.Equal(64, ((string)rows[1][1]!).Length);
    }

    [Fact]
    public async Task Build_NullMaskHash_ChangesOnlyTheKeyedRowsAndNamedFields()
    {
        await using var connection = await SeededAsync();
        var before = await DumpAsync(connection);
        FieldErasure.Prepare(connection, Key);
        var statements = FieldErasure.Build(Dialect, "people", ["id"], Keys(1, 6), [
            new FieldAction("email", ErasureStrategy.Hash), new FieldAction("name", ErasureStrategy.Mask),
            new FieldAction("phone", ErasureStrategy.Null), new FieldAction("note", ErasureStrategy.Retain)], Key);

        var counts = await FieldErasure.ExecuteAsync(connection, null, statements);

        Assert.Equal(2, counts.Sum());
        var after = await DumpAsync(connection);
        foreach (var (id, row) in before)
        {
            if (id is 1 or 6)
            {
                Assert.Equal(Key.Token((string)row[1]!), after[id][1]);
                Assert.Equal(row[2] is null ? null : FieldErasure.DefaultMask, after[id][2]);
                Assert.Null(after[id][3]);
                Assert.Equal(row[4], after[id][4]);
            }
            else
            {
                Assert.Equal(row, after[id]);
            }
        }
    }

    [Fact]
    public async Task Build_NullValueMaskedOrHashed_StaysNull()
    {
        await using var connection = await SeededAsync();
        FieldErasure.Prepare(connection, Key);
        await FieldErasure.ExecuteAsync(connection, null, FieldErasure.Build(Dialect, "people", ["id"], Keys(6), [
            new FieldAction("name", ErasureStrategy.Mask), new FieldAction("phone", ErasureStrategy.Hash)], Key));

        var rows = await DumpAsync(connection);
        Assert.Null(rows[6][2]);
        Assert.Null(rows[6][3]);
    }

    [Fact]
    public async Task Build_DeleteRow_DeletesOnlyTheKeyedRows()
    {
        await using var connection = await SeededAsync();
        var statements = FieldErasure.Build(Dialect, "people", ["id"], Keys(2, 4, 99), [new FieldAction("email", ErasureStrategy.DeleteRow)], Key);

        var counts = await FieldErasure.ExecuteAsync(connection, null, statements);

        Assert.Equal(2, counts.Sum());
        Assert.Equal([1L, 3, 5, 6], (await DumpAsync(connection)).Keys.Order());
    }

    [Fact]
    public async Task Build_CompositeKeysWithHostileText_MatchesExactlyThoseRows()
    {
        await using var connection = await OpenEmptyAsync();
        await RunAsync(connection, "CREATE TABLE pairs (a bigint NOT NULL, b text NOT NULL, v text, PRIMARY KEY (a, b))");
        for (var i = 0; i < Hostile.Length; i++)
        {
            await InsertAsync(connection, "INSERT INTO pairs (a, b, v) VALUES ($p0, $p1, $p2)", 1L, Hostile[i], "x" + i);
            await InsertAsync(connection, "INSERT INTO pairs (a, b, v) VALUES ($p0, $p1, $p2)", 2L, Hostile[i], "y" + i);
        }

        var statements = FieldErasure.Build(Dialect, "pairs", ["a", "b"], [new RowKey(1L, Hostile[0]), new RowKey(2L, Hostile[2])], [new FieldAction("v", ErasureStrategy.Null)], Key);
        var counts = await FieldErasure.ExecuteAsync(connection, null, statements);

        Assert.Equal(2, counts.Sum());
        Assert.Equal(2L, await ScalarAsync(connection, "SELECT count(*) FROM pairs WHERE v IS NULL"));
        Assert.Equal(8L, await ScalarAsync(connection, "SELECT count(*) FROM pairs WHERE v IS NOT NULL"));
    }

    [Fact]
    public async Task Build_ManyKeys_SplitsIntoBatchesOfTheDialectsSize()
    {
        var keys = Enumerable.Range(1, Dialect.MaxKeysPerQuery * 2 + 1).Select(i => new RowKey((long)i)).ToList();

        var statements = FieldErasure.Build(Dialect, "people", ["id"], keys, [new FieldAction("name", ErasureStrategy.Null)], Key);

        Assert.Equal(3, statements.Count);
        Assert.Equal(keys.Count, statements.Sum(s => s.KeyCount));
    }

    [Fact]
    public void Build_HostileIdentifier_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => FieldErasure.Build(Dialect, "people; DROP TABLE people", ["id"], Keys(1), [new FieldAction("name", ErasureStrategy.Null)], Key));
        Assert.Throws<ArgumentException>(() => FieldErasure.Build(Dialect, "people", ["id"], Keys(1), [new FieldAction("name\" = NULL; --", ErasureStrategy.Null)], Key));
    }

    [Fact]
    public void Build_NothingToChange_NoStatements()
    {
        Assert.Empty(FieldErasure.Build(Dialect, "people", ["id"], Keys(1), [new FieldAction("name", ErasureStrategy.Retain)], Key));
        Assert.Empty(FieldErasure.Build(Dialect, "people", ["id"], [], [new FieldAction("name", ErasureStrategy.Null)], Key));
    }

    private static byte[] PseudonymKeyBytes() => new byte[32].Select((_, i) => (byte)i).ToArray();

    private static List<RowKey> Keys(params long[] ids) => ids.Select(i => new RowKey(i)).ToList();

    private async Task<DbConnection> SeededAsync()
    {
        var connection = await OpenEmptyAsync();
        await RunAsync(connection, "CREATE TABLE people (id bigint PRIMARY KEY, email text, name text, phone text, note text)");
        for (var i = 0; i < Hostile.Length; i++)
        {
            await InsertAsync(connection, "INSERT INTO people VALUES ($p0, $p1, $p2, $p3, $p4)", (long)(i + 1), Hostile[i], "Name " + Hostile[i], "+4912345" + i, "note " + i);
        }

        await InsertAsync(connection, "INSERT INTO people VALUES ($p0, $p1, NULL, NULL, $p2)", 6L, "six@example.org", "six");
        return connection;
    }

    private async Task InsertAsync(DbConnection connection, string sql, params object[] values)
    {
        if (Dialect.UsesArrays)
        {
            for (var i = values.Length - 1; i >= 0; i--)
            {
                sql = sql.Replace("$p" + i, "$" + (i + 1), StringComparison.Ordinal);
            }
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var p = command.CreateParameter();
            if (!Dialect.UsesArrays)
            {
                p.ParameterName = "$p" + i;
            }

            p.Value = values[i];
            command.Parameters.Add(p);
        }

        await command.ExecuteNonQueryAsync();
    }

    internal static async Task RunAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<SortedDictionary<long, object?[]>> DumpAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, email, name, phone, note FROM people";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new SortedDictionary<long, object?[]>();
        while (await reader.ReadAsync())
        {
            var values = new object?[5];
            for (var i = 0; i < 5; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows[Convert.ToInt64(values[0], System.Globalization.CultureInfo.InvariantCulture)] = values;
        }

        return rows;
    }
}
