namespace Pledge.Storage;

/// <summary>The database that holds Pledge's own state.</summary>
public enum StoreKind
{
    /// <summary>A SQLite file: the default, nothing to install, one writer at a time.</summary>
    Sqlite,
    /// <summary>A PostgreSQL database: for production and for several instances sharing one store.</summary>
    Postgres,
}
