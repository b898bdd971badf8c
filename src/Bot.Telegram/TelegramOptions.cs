using System.ComponentModel.DataAnnotations;

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
    [Range(1, 1000, ErrorMessage = "Telegram:RateLimitPerMinute must be between {1} and {2}.")]
    public int RateLimitPerMinute { get; set; } = 20;

    /// <summary>Long-polling wait of getUpdates.</summary>
    [Range(0, 50, ErrorMessage = "Telegram:PollingTimeoutSeconds must be between {1} and {2}.")]
    public int PollingTimeoutSeconds { get; set; } = 30;

    /// <summary>How long any Bot API call may take beyond the long-poll wait before it is abandoned (and never retried: it may have arrived).</summary>
    [Range(1, 300, ErrorMessage = "Telegram:RequestTimeoutSeconds must be between {1} and {2}.")]
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Telegram.Bot retries a 429 itself when retry_after is at most this many seconds.</summary>
    public int RetryThresholdSeconds { get; set; } = 60;

    /// <summary>How many times Telegram.Bot retries such a 429.</summary>
    [Range(0, 10, ErrorMessage = "Telegram:RetryCount must be between {1} and {2}.")]
    public int RetryCount { get; set; } = 3;

    /// <summary>Received updates held in memory (waiting or running) before the poller stops asking for more.</summary>
    [Range(1, 100000, ErrorMessage = "Telegram:MaxUpdatesInMemory must be between {1} and {2}.")]
    public int MaxUpdatesInMemory { get; set; } = 1000;

    /// <summary>Messages per second to all chats together (Telegram's limit is 30; more only with paid broadcasts).</summary>
    [Range(1, 1000, ErrorMessage = "Telegram:GlobalMessagesPerSecond must be between {1} and {2}.")]
    public int GlobalMessagesPerSecond { get; set; } = 30;

    /// <summary>How long getUpdates may answer 409 Conflict (another poller on this token) before the worker exits.</summary>
    [Range(0, 600, ErrorMessage = "Telegram:ConflictGraceSeconds must be between {1} and {2}.")]
    public double ConflictGraceSeconds { get; set; } = 15;

    /// <summary>Minimum time between progress edits of a streamed answer in one chat.</summary>
    public double StreamEditIntervalSeconds { get; set; } = 1.5;

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>Webhook mode: the public https address Telegram posts updates to (nginx in front of the replicas).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Webhook mode: sent back by Telegram in <c>X-Telegram-Bot-Api-Secret-Token</c>; only from the environment or user secrets. Never logged.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// Webhook mode: where this replica listens (the webhook path, <c>/healthz</c>, <c>/readyz</c>, <c>/health</c>).
    /// An alias kept for existing deployments: the standard <c>ASPNETCORE_URLS</c> or <c>--urls</c> wins over it.
    /// </summary>
    public string WebhookListen { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Shared store (webhook or polling): how long a claimed update stays with its owner without renewal before another takes it over.</summary>
    [Range(2, 3600, ErrorMessage = "Telegram:ClaimLeaseSeconds must be between {1} and {2}.")]
    public int ClaimLeaseSeconds { get; set; } = 30;

    /// <summary>Webhook mode: simultaneous connections Telegram opens to the webhook (1–100).</summary>
    [Range(1, 100, ErrorMessage = "Telegram:WebhookMaxConnections must be between {1} and {2}.")]
    public int WebhookMaxConnections { get; set; } = 40;

    /// <summary>Shortest webhook secret accepted: Telegram allows 1–256 characters, a guessable one lets anyone post updates.</summary>
    public const int MinWebhookSecretLength = 16;

    public const int MaxWebhookSecretLength = 256;

    public override string ToString() => $"Telegram(Mode={Mode}, ApiBaseUrl={ApiBaseUrl}, Admins={AdminIds.Length}, AllowedChats={AllowedChatIds.Length})";
}
