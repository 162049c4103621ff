using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Sdn.Controller.Northbound.V1;

namespace Sdn.Controller.Northbound.Policies;

/// <summary>
/// Policies on disk: one SQLite table (<c>policies(id TEXT PRIMARY KEY, body BLOB, applied_at TEXT)</c>, body = the
/// <see cref="Policy"/> message in protobuf binary). Every write is one transaction (atomic). Opening reads and
/// validates every stored policy, so an unreadable database stops the start instead of silently losing policies.
/// Thread-safe.
/// </summary>
public sealed class PolicyStore : IDisposable
{
    private readonly object _gate = new();
    private readonly SqliteConnection _db;
    private readonly Dictionary<string, Policy> _policies = new(StringComparer.Ordinal);

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    /// <exception cref="PolicyStoreException">The file cannot be opened, is not a policy database, or holds an invalid policy.</exception>
    public PolicyStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        SQLitePCL.Batteries_V2.Init();
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            _db.Open();
            Execute("PRAGMA journal_mode=WAL;");
            Execute("CREATE TABLE IF NOT EXISTS policies (id TEXT PRIMARY KEY, body BLOB NOT NULL, applied_at TEXT NOT NULL);");
            using var read = _db.CreateCommand();
            read.CommandText = "SELECT id, body FROM policies ORDER BY id;";
            using var rows = read.ExecuteReader();
            while (rows.Read())
            {
                var id = rows.GetString(0);
                var policy = Policy.Parser.ParseFrom((byte[])rows.GetValue(1));
                PolicyValidator.Validate(policy);
                _policies[id] = policy;
            }
        }
        catch (Exception ex) when (ex is SqliteException or InvalidProtocolBufferException or PolicyValidationException or IOException or UnauthorizedAccessException or InvalidCastException)
        {
            _db?.Dispose();
            throw new PolicyStoreException($"Cannot read the policy database {Path}: {ex.Message}. Fix or move the file (Northbound:PolicyDatabase); the controller does not start without its policies.", ex);
        }
    }

    /// <summary>The database file (absolute).</summary>
    public string Path { get; }

    /// <summary>Every stored policy, ordered by id.</summary>
    public IReadOnlyList<Policy> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _policies.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => p.Clone())];
            }
        }
    }

    /// <summary>The policy with <paramref name="id"/>, or null.</summary>
    public Policy? Find(string id)
    {
        lock (_gate)
        {
            return _policies.TryGetValue(id, out var p) ? p.Clone() : null;
        }
    }

    /// <summary>Stores (inserts or replaces) <paramref name="policy"/> in one transaction.</summary>
    /// <exception cref="PolicyStoreException">The write failed; nothing changed.</exception>
    public void Save(Policy policy)
    {
        lock (_gate)
        {
            Write("INSERT OR REPLACE INTO policies (id, body, applied_at) VALUES ($id, $body, $at);", cmd =>
            {
                cmd.Parameters.AddWithValue("$id", policy.Id);
                cmd.Parameters.AddWithValue("$body", policy.ToByteArray());
                cmd.Parameters.AddWithValue("$at", policy.AppliedAt?.ToDateTimeOffset().ToString("O") ?? "");
            });
            _policies[policy.Id] = policy.Clone();
        }
    }

    /// <summary>Deletes the policy <paramref name="id"/>.</summary>
    /// <returns>False when there was none.</returns>
    /// <exception cref="PolicyStoreException">The write failed; nothing changed.</exception>
    public bool Delete(string id)
    {
        lock (_gate)
        {
            if (!_policies.ContainsKey(id))
            {
                return false;
            }

            Write("DELETE FROM policies WHERE id = $id;", cmd => cmd.Parameters.AddWithValue("$id", id));
            _policies.Remove(id);
            return true;
        }
    }

    /// <summary>Closes the database.</summary>
    public void Dispose() => _db.Dispose();

    private void Write(string sql, Action<SqliteCommand> bind)
    {
        try
        {
            using var tx = _db.BeginTransaction();
            using var cmd = _db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            bind(cmd);
            cmd.ExecuteNonQuery();
            tx.Commit();
        }
        catch (SqliteException ex)
        {
            throw new PolicyStoreException($"Cannot write the policy database {Path}: {ex.Message}", ex);
        }
    }

    private void Execute(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}

/// <summary>The policy database cannot be read or written; the message names the file and the cause.</summary>
/// <param name="message">What went wrong.</param>
/// <param name="inner">The underlying error.</param>
public sealed class PolicyStoreException(string message, Exception inner) : Exception(message, inner);
