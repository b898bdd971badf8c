using System.Diagnostics;
using System.Diagnostics.Metrics;
using Bot.Core.Answering;
using Telegram.Bot.Types;

namespace Bot.Telegram.Hosting;

/// <summary>The name of the worker's meter and activity source, for exporters.</summary>
public static class BotDiagnostics
{
    public const string Name = "Bot";
}

/// <summary>
/// The worker's metrics (meter <c>Bot</c>) and traces (activity source <c>Bot</c>): updates received, handled and
/// failed, the queue length, answer latency, language-model calls and fallbacks, and Telegram's 429s. Tags carry
/// update types and modes only, never message text or user names.
/// </summary>
internal sealed class BotMetrics
{
    public const string Name = BotDiagnostics.Name;

    public static readonly ActivitySource Activities = new(Name);

    private readonly Counter<long> _received;
    private readonly Counter<long> _handled;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _modelCalls;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _throttled;
    private readonly Histogram<double> _answerSeconds;
    private readonly Histogram<double> _updateSeconds;
    private Func<int> _queueLength = () => 0;

    public BotMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _received = meter.CreateCounter<long>("bot.updates.received", "{update}", "Updates received from Telegram");
        _handled = meter.CreateCounter<long>("bot.updates.handled", "{update}", "Updates whose handling ended");
        _failed = meter.CreateCounter<long>("bot.updates.failed", "{update}", "Updates whose handling failed (the user got an apology)");
        _modelCalls = meter.CreateCounter<long>("bot.model.calls", "{call}", "Answers for which the language model was asked");
        _fallbacks = meter.CreateCounter<long>("bot.model.fallbacks", "{answer}", "Answers that fell back to the extractive engine");
        _throttled = meter.CreateCounter<long>("bot.telegram.throttled", "{response}", "HTTP 429 responses from the Bot API");
        _answerSeconds = meter.CreateHistogram<double>("bot.answer.duration", "s", "Time from a question to its sent answer");
        _updateSeconds = meter.CreateHistogram<double>("bot.update.duration", "s", "Time to handle one update");
        meter.CreateObservableGauge("bot.updates.queued", () => _queueLength(), "{update}", "Updates received and not yet handled");
    }

    public void ObserveQueue(Func<int> length) => _queueLength = length;

    public void Received(int count) => _received.Add(count);

    public void Failed(Update update) => _failed.Add(1, new KeyValuePair<string, object?>("update.type", update.Type.ToString()));

    public void Throttled() => _throttled.Add(1);

    /// <summary>Starts the trace of one update; pass the result to <see cref="Finish"/>.</summary>
    public Running Start(Update update)
    {
        var activity = Activities.StartActivity("telegram.update");
        activity?.SetTag("update.type", update.Type.ToString());
        activity?.SetTag("update.id", update.Id);
        return new Running(activity, Stopwatch.GetTimestamp(), update.Type.ToString());
    }

    public void Finish(Running running)
    {
        var tag = new KeyValuePair<string, object?>("update.type", running.Type);
        _handled.Add(1, tag);
        _updateSeconds.Record(Stopwatch.GetElapsedTime(running.Started).TotalSeconds, tag);
        running.Activity?.Dispose();
    }

    public void Answered(Answer answer, TimeSpan elapsed)
    {
        var mode = new KeyValuePair<string, object?>("answer.mode", answer.Mode);
        _answerSeconds.Record(elapsed.TotalSeconds, mode);
        if (answer.ModelAsked || answer.Mode == Answer.LlmMode)
        {
            _modelCalls.Add(1);
        }
        if (answer.Fallback)
        {
            _fallbacks.Add(1, new KeyValuePair<string, object?>("reason", answer.FallbackReason ?? "unknown"));
        }
    }

    internal readonly record struct Running(Activity? Activity, long Started, string Type);
}
