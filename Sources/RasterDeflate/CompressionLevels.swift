/// The one table that says what each compression level does: which parser, how hard the
/// match search tries, and how block boundaries are chosen. Every level uses the full
/// 32 KiB window (RFC 1951's maximum), so the window is not a per-level setting.
///
/// Level 1 is libdeflate's kind of fastest matcher; levels 2-3 and 4-5 follow zlib's
/// deflate_fast and deflate_slow parameters; levels 6-9 use the chain matcher of
/// `ChainMatcher.swift` (issue 15; docs/deflate.md has the measurements).
enum CompressionLevels {
    /// How positions are turned into literals and matches.
    enum Parser: Equatable {
        /// Stored blocks only (level 0).
        case stored
        /// One hash probe per position, no chains, matches of 4+ bytes (libdeflate's fastest
        /// level; `SingleProbeMatcher.swift`).
        case singleProbe
        /// Take the longest match at each position (zlib's deflate_fast).
        case greedy
        /// Keep a match only if the next position has no longer one (zlib's deflate_slow).
        case lazy
        /// Lazy over 4-byte hash chains with a 3-byte side table; a later match wins when it
        /// is longer by more than its extra distance bits cost (`ChainMatcher.swift`).
        /// `chain` is the search depth at a fresh position, half of it one position ahead.
        case chainLazy
        /// As `chainLazy`, also looking two positions ahead (a quarter of the depth). No level
        /// uses it: on the bench images it was larger and slower than `chainLazy` at 8-9.
        case chainLazy2
    }

    /// One level's settings.
    struct Level {
        let parser: Parser
        /// Chains are walked a quarter as far once the previous match reaches `good`.
        let good: Int
        /// Lazy parser: no lazy search after a match of this length. Greedy parser: the
        /// longest match whose inner positions are still inserted into the hash chains.
        let lazy: Int
        /// A match this long ends the search.
        let nice: Int
        /// At most this many chain candidates are tried per position.
        let chain: Int
        /// Block boundaries on exact Huffman costs (in buffers whose items cover 2+ bytes on
        /// average) instead of the entropy estimate alone.
        let exactSplit: Bool
        /// Blocks may end only every this many 4096-item segments.
        var splitStride = 1
    }

    static let table: [Level] = [
        Level(parser: .stored, good: 0, lazy: 0, nice: 0, chain: 0, exactSplit: false),
        Level(parser: .singleProbe, good: 0, lazy: 0, nice: 258, chain: 1, exactSplit: false, splitStride: 2),
        Level(parser: .greedy, good: 4, lazy: 5, nice: 16, chain: 8, exactSplit: false),
        Level(parser: .greedy, good: 4, lazy: 6, nice: 32, chain: 32, exactSplit: false),
        Level(parser: .lazy, good: 4, lazy: 4, nice: 16, chain: 16, exactSplit: false),
        Level(parser: .lazy, good: 8, lazy: 16, nice: 32, chain: 32, exactSplit: false),
        Level(parser: .chainLazy, good: 16, lazy: 0, nice: 128, chain: 100, exactSplit: false, splitStride: 2),
        Level(parser: .chainLazy, good: 259, lazy: 0, nice: 130, chain: 100, exactSplit: false),
        Level(parser: .chainLazy, good: 259, lazy: 0, nice: 258, chain: 300, exactSplit: false, splitStride: 2),
        Level(parser: .chainLazy, good: 259, lazy: 0, nice: 258, chain: 600, exactSplit: false, splitStride: 2),
    ]
}
