using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace Bot.Core.Search;

/// <summary>
/// Lucene 4.6's codec with stored fields compressed by deflate instead of LZ4: article text is most of the index,
/// and deflate stores Arabic text in about half the space for a few microseconds more per article read.
/// </summary>
[CodecName("ArabicArchive1")]
internal sealed class ArchiveCodec() : FilterCodec(new Lucene46Codec())
{
    // 16 KB blocks hold a few articles each: small enough that one lookup inflates little.
    private static readonly StoredFieldsFormat Stored =
        new CompressingStoredFieldsFormat("ArabicArchiveStoredFields", CompressionMode.HIGH_COMPRESSION, 1 << 14);

    public override StoredFieldsFormat StoredFieldsFormat => Stored;

    private static int _registered;

    /// <summary>Makes the codec's name resolvable when segments written with it are opened; idempotent.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            Codec.SetCodecFactory(new Factory());
        }
    }

    private sealed class Factory : DefaultCodecFactory
    {
        protected override void Initialize()
        {
            base.Initialize();
            PutCodecType(typeof(ArchiveCodec));
        }
    }
}
