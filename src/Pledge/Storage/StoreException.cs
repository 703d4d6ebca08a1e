namespace Pledge.Storage;

/// <summary>Why the own store could not be used; stable for exit codes and logs.</summary>
public enum StoreErrorKind
{
    /// <summary>The database cannot be reached or opened.</summary>
    Unavailable,
    /// <summary>The store was written by a newer Pledge (a migration this version does not know).</summary>
    SchemaTooNew,
    /// <summary>A migration already applied differs from the one this version ships.</summary>
    MigrationChanged,
    /// <summary>The pseudonym key differs from the one the store was created with.</summary>
    PseudonymKeyMismatch,
}

/// <summary>An infrastructure failure of the own store, classified by <see cref="Kind"/>. Messages hold no secrets.</summary>
public sealed class StoreException : Exception
{
    public StoreException(StoreErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What went wrong.</summary>
    public StoreErrorKind Kind { get; }
}
