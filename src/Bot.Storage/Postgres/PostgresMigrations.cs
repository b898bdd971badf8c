using Npgsql;

namespace Bot.Core.State.Postgres;

/// <summary>
/// The schema as numbered migrations, applied in order, each in its own transaction together with its row in
/// <c>schema_migrations</c>. Every replica runs this on start under one advisory lock: a replica that starts while
/// another migrates waits for it, then finds nothing left to do. A migration, once released, is never edited: a
/// change is a new migration.
/// </summary>
internal static class PostgresMigrations
{
    /// <summary>The advisory lock key (any constant the database's other users do not take): «arqa» in ASCII.</summary>
    internal const long LockKey = 0x61_72_71_61;

    internal static readonly IReadOnlyList<(int Version, string Name, string Sql)> All =
    [
        (1, "state", """
            CREATE TABLE conversation_turns (
                id bigserial PRIMARY KEY, conversation text NOT NULL, at timestamptz NOT NULL,
                question text NOT NULL, answer text NOT NULL);
            CREATE INDEX conversation_turns_by_key ON conversation_turns (conversation, at DESC, id DESC);
            CREATE INDEX conversation_turns_by_age ON conversation_turns (at);
            CREATE TABLE feedback (
                id bigserial PRIMARY KEY, conversation text NOT NULL, question text NOT NULL, answer text NOT NULL,
                helpful boolean NOT NULL, at timestamptz NOT NULL);
            CREATE INDEX feedback_by_age ON feedback (at);
            CREATE TABLE telegram_buttons (token text PRIMARY KEY, action text NOT NULL, created_at timestamptz NOT NULL);
            CREATE INDEX telegram_buttons_by_age ON telegram_buttons (created_at);
            CREATE TABLE telegram_sent_articles (
                chat_id bigint NOT NULL, message_id integer NOT NULL, article_id text NOT NULL, sent_at timestamptz NOT NULL,
                PRIMARY KEY (chat_id, message_id));
            CREATE INDEX telegram_sent_articles_by_age ON telegram_sent_articles (sent_at);
            CREATE TABLE telegram_offset (
                id integer PRIMARY KEY CHECK (id = 1), last_received bigint NOT NULL, saved_at timestamptz NOT NULL);
            CREATE TABLE telegram_updates (
                update_id bigint PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL,
                claimed_by text NOT NULL, claimed_until timestamptz NOT NULL, done_at timestamptz);
            CREATE INDEX telegram_updates_open ON telegram_updates (claimed_until) WHERE done_at IS NULL;
            CREATE INDEX telegram_updates_by_age ON telegram_updates (received_at);
            """),
        (2, "articles", """
            CREATE SEQUENCE articles_version AS bigint;
            CREATE TABLE articles (
                id text PRIMARY KEY, title text NOT NULL, date date, source text, url text, text text NOT NULL,
                summary text NOT NULL DEFAULT '', deleted boolean NOT NULL DEFAULT false,
                version bigint NOT NULL DEFAULT nextval('articles_version'), updated_at timestamptz NOT NULL DEFAULT now());
            CREATE UNIQUE INDEX articles_by_version ON articles (version);
            CREATE INDEX articles_by_url ON articles (url) WHERE NOT deleted;
            CREATE INDEX articles_by_update ON articles (updated_at);
            -- Every insert or change gets a new version and wakes every replica's feed (delivered at commit).
            CREATE FUNCTION articles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.version := nextval('articles_version');
                NEW.updated_at := now();
                PERFORM pg_notify('articles_changed', NEW.version::text);
                RETURN NEW;
            END $$;
            CREATE TRIGGER articles_changed BEFORE INSERT OR UPDATE ON articles
                FOR EACH ROW EXECUTE FUNCTION articles_changed();
            """),
        (3, "replies noted", """
            ALTER TABLE telegram_updates ADD COLUMN chat_id bigint, ADD COLUMN message_id integer, ADD COLUMN replied_at timestamptz;
            CREATE INDEX telegram_updates_by_message ON telegram_updates (chat_id, message_id) WHERE done_at IS NULL;
            """),
        (4, "request counts", """
            CREATE TABLE telegram_request_counts (
                user_id bigint NOT NULL, window_start timestamptz NOT NULL, requests integer NOT NULL,
                PRIMARY KEY (user_id, window_start));
            CREATE INDEX telegram_request_counts_by_age ON telegram_request_counts (window_start);
            """),
        (5, "subscriptions", """
            -- keywords = '' is the daily digest; otherwise the words whose new articles the chat is sent at once.
            CREATE TABLE subscriptions (
                chat_id bigint NOT NULL, keywords text NOT NULL, time_zone text NOT NULL, is_group boolean NOT NULL,
                created_at timestamptz NOT NULL, PRIMARY KEY (chat_id, keywords));
            CREATE INDEX subscriptions_digest ON subscriptions (time_zone, chat_id) WHERE keywords = '';
            -- One row per (chat, thing sent): claimed before sending, so each digest or alert goes out once.
            CREATE TABLE subscription_deliveries (
                chat_id bigint NOT NULL, item text NOT NULL, claimed_until timestamptz NOT NULL, sent_at timestamptz,
                PRIMARY KEY (chat_id, item));
            CREATE INDEX subscription_deliveries_by_age ON subscription_deliveries (claimed_until);
            """),
    ];

    /// <summary>Applies what is missing, under the advisory lock; returns the names of the migrations applied.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@key)", cancellationToken, ("key", LockKey)).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken).ConfigureAwait(false);
            var done = new HashSet<int>();
            await using (var command = connection.Command("SELECT version FROM schema_migrations"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    done.Add(reader.GetInt32(0));
                }
            }
            var applied = new List<string>();
            foreach (var (version, name, sql) in All.Where(m => !done.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", cancellationToken,
                    ("v", version), ("n", name)).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                applied.Add($"{version} {name}");
            }
            return applied;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", LockKey)).ConfigureAwait(false);
        }
    }
}
