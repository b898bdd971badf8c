using Bot.Core.Arabic;
using Bot.Core.Configuration;
using Bot.Core.Corpus;
using Microsoft.Extensions.Options;

namespace Bot.Core.Chunking;

/// <summary>
/// Groups an article's consecutive sentences into passages of about <see cref="ChunkingOptions.TargetWords"/>
/// words, never past <see cref="ChunkingOptions.MaxWords"/> unless one sentence alone is longer.
/// A passage never spans two paragraphs unless the paragraph alone is too short to stand on its own,
/// and a short tail is folded into the passage before it so no passage is a lone fragment.
/// </summary>
public sealed class PassageChunker(IOptions<ChunkingOptions> options)
{
    private readonly ChunkingOptions _options = options.Value;

    public IReadOnlyList<Passage> Chunk(Article article)
    {
        var target = _options.TargetWords;
        var max = Math.Max(_options.MaxWords, target);
        var passages = new List<Passage>();
        var current = new List<string>();
        var currentWords = 0;

        void Flush()
        {
            if (current.Count == 0)
            {
                return;
            }
            passages.Add(new Passage(
                Passage.MakeId(article.Id, passages.Count + 1), article.Id, passages.Count + 1, string.Join(' ', current)));
            current.Clear();
            currentWords = 0;
        }

        foreach (var paragraph in article.Paragraphs)
        {
            // A new paragraph starts a new passage once the current one is big enough to stand alone.
            if (currentWords >= target / 2)
            {
                Flush();
            }

            foreach (var sentence in SentenceSplitter.Split(paragraph))
            {
                var words = SentenceSplitter.Words(sentence).Count;
                if (currentWords > 0 && currentWords + words > max)
                {
                    Flush();
                }
                current.Add(sentence);
                currentWords += words;
                if (currentWords >= target)
                {
                    Flush();
                }
            }
        }

        // Fold a short tail into the previous passage when that stays within the maximum.
        if (current.Count > 0 && passages.Count > 0 && currentWords < target / 3)
        {
            var last = passages[^1];
            if (SentenceSplitter.Words(last.Text).Count + currentWords <= max)
            {
                passages[^1] = last with { Text = last.Text + " " + string.Join(' ', current) };
                current.Clear();
            }
        }
        Flush();
        return passages;
    }
}
