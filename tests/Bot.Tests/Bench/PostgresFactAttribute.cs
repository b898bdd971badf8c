using Bot.Cli.Bench;

namespace Bot.Tests.Bench;

/// <summary>A fact that needs PostgreSQL binaries on this machine; skipped, saying how to install them, when they are missing.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.FindBinaries() is null)
        {
            Skip = $"{PostgresCluster.InstallHint}; the PostgreSQL engine of bench --compare is not tested.";
        }
    }
}
