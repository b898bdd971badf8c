using ScottPlot;

namespace Bot.Cli.Bench;

/// <summary>A PNG of build time (left axis, solid) and query p99 (right axis, dashed) against archive size, one colour per engine.</summary>
internal static class CompareChart
{
    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson];

    public static void Save(CompareResult result, string path)
    {
        var plot = new Plot();
        plot.Title("bench --compare: build time and query p99 against archive size");
        plot.XLabel("articles (log scale)");
        plot.Axes.Left.Label.Text = "build time (s), solid";
        plot.Axes.Right.Label.Text = "query p99 (ms), dashed";

        var engines = result.Rows.Select(r => r.Engine).Distinct().ToList();
        for (var e = 0; e < engines.Count; e++)
        {
            var rows = result.Rows.Where(r => r.Engine == engines[e] && r.BuildMs is not null && r.P99Ms is not null).OrderBy(r => r.Articles).ToList();
            if (rows.Count == 0)
            {
                continue;
            }
            var xs = rows.Select(r => Math.Log10(r.Articles)).ToArray();
            var build = plot.Add.Scatter(xs, rows.Select(r => r.BuildMs!.Value / 1000).ToArray(), Palette[e % Palette.Length]);
            build.LegendText = $"{engines[e]} build";
            build.LineWidth = 2;
            build.MarkerSize = 7;
            var p99 = plot.Add.Scatter(xs, rows.Select(r => r.P99Ms!.Value).ToArray(), Palette[e % Palette.Length]);
            p99.LegendText = $"{engines[e]} p99";
            p99.LinePattern = LinePattern.Dashed;
            p99.LineWidth = 2;
            p99.MarkerSize = 7;
            p99.Axes.YAxis = plot.Axes.Right;
        }

        var sizes = result.Rows.Select(r => r.Articles).Distinct().Order().ToList();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var size in sizes)
        {
            ticks.AddMajor(Math.Log10(size), size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        if (sizes.Count == 1)
        {
            plot.Axes.SetLimitsX(Math.Log10(sizes[0]) - 0.5, Math.Log10(sizes[0]) + 0.5);
        }
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 1000, 600);
    }
}
