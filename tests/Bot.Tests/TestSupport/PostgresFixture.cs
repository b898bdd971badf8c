using Bot.Cli.Bench;

namespace Bot.Tests.TestSupport;

/// <summary>
/// One throwaway PostgreSQL cluster (<see cref="PostgresCluster"/>: initdb and pg_ctl from the Debian packages, on a
/// loopback port, run as the <c>postgres</c> user when the tests run as root) for the tests of the shared store;
/// each test gets its own database.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public async Task InitializeAsync()
    {
        if (PostgresCluster.FindBinaries() is { } bin)
        {
            _cluster = await PostgresCluster.StartAsync(bin, CancellationToken.None);
        }
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (_cluster is null)
        {
            throw new InvalidOperationException($"{PostgresCluster.InstallHint}, and CI=true: .ci/run must install it.");
        }
        var name = "test_" + Guid.NewGuid().ToString("N")[..12];
        await _cluster.CreateDatabaseAsync(name, CancellationToken.None);
        return _cluster.ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

/// <summary>The tests that share one <see cref="PostgresFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// A fact about the shared store: skipped with the reason when PostgreSQL is not installed, except under CI
/// (<c>CI=true</c>), where a missing PostgreSQL is a failure (.ci/run installs it).
/// </summary>
public sealed class SharedStoreFactAttribute : FactAttribute
{
    public SharedStoreFactAttribute()
    {
        if (PostgresCluster.FindBinaries() is null && !SharedDataFactAttribute.IsCi)
        {
            Skip = $"{PostgresCluster.InstallHint}; the tests of Storage:Provider=Postgres and webhook mode do not run.";
        }
    }
}
