using System.Globalization;
using ScottPlot;

namespace Bot.Cli.Bench;

/// <summary>A PNG of two panels against archive size (log scale): build time, and query p99. One colour per engine.</summary>
internal static class CompareChart
{
    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson];

    public static void Save(CompareResult result, string path)
    {
        var multiplot = new Multiplot(Panel(result, "build time (s)", r => r.BuildMs / 1000));
        multiplot.AddPlot(Panel(result, "query p99, one thread (ms)", r => r.P99Ms));
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, 1200, 520);
    }

    private static Plot Panel(CompareResult result, string measure, Func<CompareRow, double?> value)
    {
        var plot = new Plot();
        plot.Title(measure);
        plot.XLabel("articles (log scale)");
        plot.YLabel(measure);

        var engines = result.Rows.Select(r => r.Engine).Distinct().ToList();
        for (var e = 0; e < engines.Count; e++)
        {
            var rows = result.Rows.Where(r => r.Engine == engines[e] && value(r) is not null).OrderBy(r => r.Articles).ToList();
            if (rows.Count == 0)
            {
                continue;
            }
            var line = plot.Add.Scatter(
                rows.Select(r => Math.Log10(r.Articles)).ToArray(), rows.Select(r => value(r)!.Value).ToArray(), Palette[e % Palette.Length]);
            line.LegendText = engines[e];
            line.LineWidth = 2;
            line.MarkerSize = 8;
        }

        var sizes = result.Rows.Select(r => r.Articles).Distinct().Order().ToList();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var size in sizes)
        {
            ticks.AddMajor(Math.Log10(size), size.ToString("N0", CultureInfo.InvariantCulture));
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        var low = Math.Log10(sizes[0]);
        var high = Math.Log10(sizes[^1]);
        plot.Axes.SetLimitsX(low - 0.25, high + 0.25);
        plot.Axes.AutoScaleY();
        plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top * 1.1);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
