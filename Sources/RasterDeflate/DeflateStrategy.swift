/// How the compressor looks for matches, after zlib's `strategy` argument to deflateInit2.
public enum DeflateStrategy: Hashable, Sendable {
    /// Ordinary LZ77 with the level's search effort.
    case `default`
    /// For data that a filter or predictor has turned into small, noisy values (PNG
    /// scanlines): at the lazy levels 4-9 matches of 5 bytes or fewer are coded as literals,
    /// since such short matches are mostly coincidences that cost more than the literals they
    /// replace. Levels 1-3 behave as `.default`, as zlib's do.
    case filtered
    /// No matches at all: every byte is a Huffman-coded literal.
    case huffmanOnly
    /// Matches only at distance 1 (runs of one repeated byte), as zlib's Z_RLE.
    case rle
}
