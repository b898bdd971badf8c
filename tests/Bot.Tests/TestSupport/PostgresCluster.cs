using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Bot.Tests.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster on a loopback port for the tests of the shared store: initdb and pg_ctl from the
/// Debian packages (<c>/usr/lib/postgresql/*/bin</c>), run as the <c>postgres</c> user when the tests run as root,
/// with its data in a temporary folder that is deleted afterwards. Each test gets its own database.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? _data;
    private int _port;

    /// <summary>The bin folder of the newest PostgreSQL installed, or null.</summary>
    internal static string? BinFolder { get; } = FindBin();

    public async Task InitializeAsync()
    {
        if (BinFolder is null)
        {
            return;
        }
        _data = Directory.CreateTempSubdirectory("bot-pg-").FullName;
        _port = FreePort();
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _data], asPostgres: false);
        }
        await RunAsync(Path.Combine(BinFolder, "initdb"), ["-D", _data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], asPostgres);
        await RunAsync(Path.Combine(BinFolder, "pg_ctl"),
            ["-D", _data, "-l", Path.Combine(_data, "log.txt"), "-w", "-t", "30", "start",
                "-o", $"-p {_port} -k {_data} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200"],
            asPostgres);
    }

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (_data is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed and CI=true: .ci/run must install it (apt-get install -y postgresql).");
        }
        var name = "test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=30";

    public async Task DisposeAsync()
    {
        if (_data is null || BinFolder is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(BinFolder, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
        Directory.Delete(_data, recursive: true);
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        if (asPostgres)
        {
            foreach (var part in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
}

/// <summary>The tests that share one <see cref="PostgresCluster"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// A fact that needs PostgreSQL: skipped with the reason when it is not installed, except under CI (<c>CI=true</c>),
/// where a missing PostgreSQL is a failure (.ci/run installs it).
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.BinFolder is null && !SharedDataFactAttribute.IsCi)
        {
            Skip = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql to run the shared-store tests.";
        }
    }
}
