/// The one table that says what each compression level does: which parser, how hard the
/// match search tries, and how block boundaries are chosen. Every level uses the full
/// 32 KiB window (RFC 1951's maximum), so the window is not a per-level setting.
///
/// Level 1 is libdeflate's kind of fastest matcher; levels 2-3 and 4-9 follow zlib's
/// deflate_fast and deflate_slow parameters (docs/deflate.md has the measurements).
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
        Level(parser: .lazy, good: 8, lazy: 16, nice: 128, chain: 128, exactSplit: false),
        Level(parser: .lazy, good: 8, lazy: 32, nice: 128, chain: 256, exactSplit: false),
        Level(parser: .lazy, good: 32, lazy: 128, nice: 258, chain: 1024, exactSplit: false),
        Level(parser: .lazy, good: 32, lazy: 258, nice: 258, chain: 4096, exactSplit: true),
    ]
}
