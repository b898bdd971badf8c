using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Bot.Cli.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster for measuring: <c>initdb</c> into a temporary folder, the server on a free loopback
/// port (its socket in the same folder), stopped and deleted on dispose. PostgreSQL refuses to run as root, so as root
/// the folder is given to the <c>postgres</c> user and the binaries run through <c>runuser</c>.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    public const string InstallHint = "PostgreSQL is not installed (on Debian/Ubuntu: apt-get install postgresql)";
    private const string ServiceUser = "postgres";

    private readonly string _bin;
    private readonly string _root;
    private bool _started;

    private PostgresCluster(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string Version { get; private set; } = "";

    private string DataFolder => Path.Combine(_root, "data");

    /// <summary>The newest <c>/usr/lib/postgresql/*/bin</c> holding initdb and pg_ctl, or null.</summary>
    public static string? FindBinaries(string installRoot = "/usr/lib/postgresql") =>
        Directory.Exists(installRoot)
            ? Directory.EnumerateDirectories(installRoot)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    /// <summary>Starts a new cluster; throws <see cref="InvalidOperationException"/> (with the server's log) when it cannot.</summary>
    public static async Task<PostgresCluster> StartAsync(string bin, CancellationToken cancellationToken)
    {
        // Directly under the temp folder: the service user must be able to reach it.
        var root = Path.Combine(Path.GetTempPath(), $"bot-bench-pg-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(root);
        var cluster = new PostgresCluster(bin, root, FreePort());
        try
        {
            if (RunningAsRoot)
            {
                await RunAsync("chown", [ServiceUser + ":", root], cancellationToken).ConfigureAwait(false);
            }
            await cluster.RunPgAsync("initdb", ["-D", cluster.DataFolder, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"],
                cancellationToken).ConfigureAwait(false);
            await cluster.RunPgAsync("pg_ctl", ["-D", cluster.DataFolder, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
                "-o", $"-p {cluster.Port} -k {root} -c listen_addresses=127.0.0.1", "start"], cancellationToken).ConfigureAwait(false);
            cluster._started = true;
            await using var connection = new NpgsqlConnection(cluster.ConnectionString("postgres"));
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            cluster.Version = connection.ServerVersion;
            return cluster;
        }
        catch (InvalidOperationException ex)
        {
            // The server's own words say why it did not start (port, permissions, shared memory).
            var log = Path.Combine(root, "server.log");
            var reason = File.Exists(log) ? string.Join(" ", File.ReadLines(log).TakeLast(3)) : "";
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"{ex.Message} {reason}".Trim(), ex);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        CommandTimeout = 0,
    }.ToString();

    /// <summary>Creates an empty database (dropping one of that name first).</summary>
    public async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await DropDatabaseAsync(name, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync($"CREATE DATABASE {name}", cancellationToken).ConfigureAwait(false);
    }

    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", cancellationToken);

    /// <summary>The server's main process id (first line of postmaster.pid).</summary>
    public int ServerProcessId() =>
        int.Parse(File.ReadLines(Path.Combine(DataFolder, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            try
            {
                await RunPgAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"], CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Deleting the folder below still leaves nothing behind but a process that exits when its files are gone.
            }
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task RunPgAsync(string tool, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        RunningAsRoot
            ? RunAsync("runuser", ["-u", ServiceUser, "--", Path.Combine(_bin, tool), .. args], cancellationToken)
            : RunAsync(Path.Combine(_bin, tool), args, cancellationToken);

    private static async Task RunAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The server's working folder must be readable by the service user.
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', args)} failed ({process.ExitCode}): {(await error.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
