import Raster
import RasterTestSupport
import Testing

/// Many tasks at once decoding, encoding, resizing and compositing the same and different
/// images, each result compared with the single-threaded run of the same job. Run under
/// `swift test --sanitize=thread` it is the race check; without it, the check that shared
/// values (one decoded image read by every task, copies of it mutated in different tasks)
/// behave as values. Kept to a few seconds in a debug build: small fixtures, bounded rounds.
@Suite("Concurrency stress")
struct ConcurrencyStressTests {
    /// Inputs of every codec path: baseline and progressive JPEG, restart intervals, CMYK,
    /// 8- and 16-bit, palette and interlaced PNG.
    static let files = ["jpeg/sample_420.jpg", "jpeg/prog_420.jpg", "jpeg/restart_gray.jpg", "jpeg/cmyk.jpg",
                        "png/pillow_rgba.png", "png/rgba_d16_i.png", "png/indexed_d8_i_trns.png", "png/grey_d4_i.png"]

    /// One unit of work; its result is a byte string so any two runs compare exactly.
    enum Job: Sendable {
        case decode(Int)
        /// A JPEG decoded at DCT scale 1/8: the path that reads the skip tables of the
        /// standard Huffman tables, built once per process and shared by every decode.
        case decodeEighth(Int)
        case decodeEncodePNG(Int)
        case resize(Int, width: Int, height: Int, filter: ResampleFilter)
        /// Draw file `b` onto a copy of the shared decoded file `a`, then fill a rectangle:
        /// every task mutates its own copy of the same value.
        case composite(Int, Int, at: Point, op: CompositeOperator)
        case inflate(Int)
    }

    static func jobs() -> [Job] {
        var jobs: [Job] = []
        let ops = CompositeOperator.allCases
        let filters = ResampleFilter.allCases
        for i in files.indices {
            jobs.append(.decode(i))
            if files[i].hasSuffix(".jpg") { jobs.append(.decodeEighth(i)) }
            jobs.append(.decodeEncodePNG(i))
            jobs.append(.resize(i, width: 7 + i * 3, height: 5 + i * 2, filter: filters[i % filters.count]))
            jobs.append(.composite(i, (i + 3) % files.count, at: Point(x: i - 3, y: 2 - i), op: ops[i % ops.count]))
            jobs.append(.composite(i, i, at: Point(x: 1, y: 1), op: ops[(i + 5) % ops.count]))
            jobs.append(.inflate(i))
        }
        return jobs
    }

    /// What every task shares: the files' bytes and their decoded images (one copy each).
    struct Shared: Sendable {
        var bytes: [[UInt8]]
        var images: [RGBA8Image]
        var zlib: [[UInt8]]
    }

    static func loadShared() throws -> Shared {
        let bytes = try files.map { try TestPaths.fixture($0) }
        let images = try bytes.map { try Codecs.decode($0).image.narrowed() }
        let zlib = images.map { Zlib.compress($0.samples, strategy: .filtered) }
        return Shared(bytes: bytes, images: images, zlib: zlib)
    }

    static func run(_ job: Job, _ shared: Shared) throws -> [UInt8] {
        switch job {
        case let .decode(i):
            return try Codecs.decode(shared.bytes[i]).image.narrowed().samples
        case let .decodeEighth(i):
            return try JPEGDecoder.decode(shared.bytes[i], options: JPEGDecodeOptions(scale: .eighth)).pixels.samples
        case let .decodeEncodePNG(i):
            let decoded = try Codecs.decode(shared.bytes[i])
            let png = try Codecs.encode(decoded.image, as: .png)
            return try Codecs.decode(png).image.narrowed().samples + png
        case let .resize(i, w, h, filter):
            return try shared.images[i].resized(width: w, height: h, filter: filter).samples
        case let .composite(a, b, point, op):
            var canvas = shared.images[a]
            canvas.draw(shared.images[b], at: point, operator: op)
            canvas.fill(Rect(x: 1, y: 0, width: 3, height: 2), with: RGBA8(r: 200, g: 10, b: 90, a: 128), operator: op)
            return canvas.samples
        case let .inflate(i):
            var out: [UInt8] = []
            var inflater = Inflater(format: .zlib)
            // Odd-sized feeds so task interleavings differ from the one-shot path's.
            var at = 0
            while at < shared.zlib[i].count {
                let end = min(at + 333, shared.zlib[i].count)
                try inflater.feed(shared.zlib[i][at..<end]) { out.append(contentsOf: $0) }
                at = end
            }
            try inflater.finish { out.append(contentsOf: $0) }
            return out
        }
    }

    @Test("concurrent decode, encode, resize, composite and inflate match a single-threaded run")
    func concurrentMatchesSerial() async throws {
        let shared = try Self.loadShared()
        let jobs = Self.jobs()
        let expected = try jobs.map { try Self.run($0, shared) }
        // Sanity of the reference itself: every job produced something, and the shared images
        // are untouched by the composite jobs (value semantics).
        #expect(expected.allSatisfy { !$0.isEmpty })

        let rounds = 6
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<rounds {
                for (index, job) in jobs.enumerated() {
                    group.addTask {
                        return try Self.run(job, shared) == expected[index] ? 0 : 1
                    }
                }
            }
            var sum = 0
            for try await m in group { sum += m }
            return sum
        }
        #expect(mismatches == 0, "\(mismatches) of \(rounds * jobs.count) concurrent jobs differ from the serial run")
        let again = try Self.loadShared()
        #expect(again.images == shared.images, "a shared image changed while tasks drew on copies of it")
    }

    @Test("one image mutated in many tasks: each copy gets only its own change")
    func copiesMutatedInParallel() async throws {
        let base = try RGBA8Image(width: 64, height: 64, fill: RGBA8(r: 10, g: 20, b: 30, a: 255))
        let tasks = 64
        let results = await withTaskGroup(of: (Int, RGBA8Image).self) { group in
            for t in 0..<tasks {
                group.addTask {
                    var copy = base
                    copy.fill(Rect(x: t, y: t, width: 1, height: 1), with: RGBA8(r: UInt8(t), g: 1, b: 2, a: 255), operator: .src)
                    return (t, copy)
                }
            }
            var out: [(Int, RGBA8Image)] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(results.count == tasks)
        for (t, image) in results {
            #expect(image[t, t] == RGBA8(r: UInt8(t), g: 1, b: 2, a: 255))
            // Exactly one pixel differs from the base: no other task's write leaked in.
            var differing = 0
            for y in 0..<64 { for x in 0..<64 where image[x, y] != base[x, y] { differing += 1 } }
            #expect(differing == 1, "copy \(t) has \(differing) changed pixels")
        }
        #expect(base[0, 0] == RGBA8(r: 10, g: 20, b: 30, a: 255))
    }

    @Test("a shared memory budget under concurrent decodes never goes negative or leaks")
    func sharedBudget() async throws {
        let shared = try Self.loadShared()
        let budget = MemoryBudget(bytes: 4 << 20)
        let options = DecodeOptions(budget: budget)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<4 {
                for i in shared.bytes.indices {
                    group.addTask {
                        let result = try await Codecs.decode(shared.bytes[i], options: options, budgetTimeout: .seconds(600))
                        #expect(result.image.narrowed().samples == shared.images[i].samples, "round \(round) file \(i)")
                        result.reservation?.release()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(budget.inUse == 0, "reservations leaked: \(budget.inUse) bytes still in use")
    }
}
