namespace Bot.Telegram;

/// <summary>How updates reach the bot.</summary>
public enum TelegramMode
{
    /// <summary>getUpdates long polling: one worker per token.</summary>
    Polling,

    /// <summary>Telegram posts updates to <see cref="TelegramOptions.WebhookUrl"/>: any number of replicas behind a proxy.</summary>
    Webhook,
}

/// <summary><c>Telegram</c> section.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";
    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>From @BotFather; only from the environment (<c>Telegram__BotToken</c>) or user secrets. Never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>Telegram's by default; a self-hosted Bot API server or a test fake otherwise.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Users allowed to add articles by sending documents.</summary>
    public long[] AdminIds { get; set; } = [];

    /// <summary>Channels whose posts become articles (the bot must be an admin there).</summary>
    public long[] SourceChannelIds { get; set; } = [];

    /// <summary>Chats the bot serves; empty = everyone.</summary>
    public long[] AllowedChatIds { get; set; } = [];

    /// <summary>Questions per user per minute before the bot asks them to slow down.</summary>
    public int RateLimitPerMinute { get; set; } = 20;

    /// <summary>Long-polling wait of getUpdates.</summary>
    public int PollingTimeoutSeconds { get; set; } = 30;

    /// <summary>Telegram.Bot retries a 429 itself when retry_after is at most this many seconds.</summary>
    public int RetryThresholdSeconds { get; set; } = 60;

    /// <summary>How many times Telegram.Bot retries such a 429.</summary>
    public int RetryCount { get; set; } = 3;

    /// <summary>Received updates held in memory (waiting or running) before the poller stops asking for more.</summary>
    public int MaxUpdatesInMemory { get; set; } = 1000;

    /// <summary>Messages per second to all chats together (Telegram's limit is 30; more only with paid broadcasts).</summary>
    public int GlobalMessagesPerSecond { get; set; } = 30;

    /// <summary>How long getUpdates may answer 409 Conflict (another poller on this token) before the worker exits.</summary>
    public double ConflictGraceSeconds { get; set; } = 15;

    /// <summary>Minimum time between progress edits of a streamed answer in one chat.</summary>
    public double StreamEditIntervalSeconds { get; set; } = 1.5;

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Webhook mode: the public https address Telegram posts updates to (nginx in front of the replicas).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Webhook mode: sent back by Telegram in <c>X-Telegram-Bot-Api-Secret-Token</c>; only from the environment or user secrets. Never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Webhook mode: where this replica listens (the webhook path, <c>/healthz</c> and <c>/readyz</c>).</summary>
    public string WebhookListen { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Shared store (webhook or polling): how long a claimed update stays with its owner without renewal before another takes it over.</summary>
    public int ClaimLeaseSeconds { get; set; } = 30;

    /// <summary>Webhook mode: simultaneous connections Telegram opens to the webhook (1–100).</summary>
    public int WebhookMaxConnections { get; set; } = 40;

    public override string ToString() => $"Telegram(Mode={Mode}, ApiBaseUrl={ApiBaseUrl}, Admins={AdminIds.Length}, AllowedChats={AllowedChatIds.Length})";
}
