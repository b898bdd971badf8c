using System.Runtime.CompilerServices;

namespace Bot.Tests.TestSupport;

internal static class TestProcessSettings
{
    /// <summary>
    /// Hosts built by the tests (and the program processes they start) do not watch appsettings.json for changes:
    /// each watcher takes an inotify instance, of which a Linux user has only 128 across all its processes.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
