using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Core.State.Postgres;

/// <summary>Where the state and the added articles live.</summary>
public enum StorageProvider
{
    /// <summary>Files and <c>state.db</c> (SQLite) under <c>Index:Path</c>: one machine, one worker.</summary>
    Embedded,

    /// <summary>One shared PostgreSQL (<c>ConnectionStrings:Postgres</c>): several replicas.</summary>
    Postgres,
}

/// <summary><c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string ConnectionStringName = "Postgres";

    public StorageProvider Provider { get; set; } = StorageProvider.Embedded;

    /// <summary>Seconds between two full catch-ups of the article feed (besides LISTEN/NOTIFY, which is immediate).</summary>
    [Range(1, 3600, ErrorMessage = "Storage:ArticleCatchUpSeconds must be between {1} and {2}.")]
    public int ArticleCatchUpSeconds { get; set; } = 30;

    /// <summary>From <c>ConnectionStrings:Postgres</c> (environment <c>ConnectionStrings__Postgres</c>); never logged.</summary>
    public string? ConnectionString { get; set; }

    public static bool IsPostgres(IConfiguration configuration) =>
        Enum.TryParse<StorageProvider>(configuration[$"{SectionName}:Provider"], ignoreCase: true, out var provider)
        && provider == StorageProvider.Postgres;
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    internal const string MissingConnectionString =
        "Storage:Provider is Postgres but ConnectionStrings:Postgres is not set. Set the environment variable "
        + "ConnectionStrings__Postgres (e.g. Host=127.0.0.1;Port=5432;Database=bot;Username=bot;Password=…) or use "
        + "Storage:Provider=Embedded.";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Storage:Provider must be Embedded or Postgres.");
        }
        if (options.Provider != StorageProvider.Postgres)
        {
            return ValidateOptionsResult.Success;
        }
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(MissingConnectionString);
        }
        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            // The message names the bad keyword, never the password.
            return ValidateOptionsResult.Fail($"ConnectionStrings:Postgres is not a valid PostgreSQL connection string: {ex.Message}");
        }
    }
}
