/// The outcome of measuring one case.
struct BenchResult: Sendable {
    let op: String
    let file: String
    let pixels: Int
    let bytes: Int
    let medianSeconds: Double
    let iterations: Int

    var mpixPerSecond: Double { Double(pixels) / 1e6 / medianSeconds }
    var megabytesPerSecond: Double { Double(bytes) / 1e6 / medianSeconds }
}

enum Measure {
    /// Runs `benchCase` until `budget` seconds of wall time are spent (at least five runs
    /// unless each is very slow, at least one always) after warm-up, checking every output
    /// against the first, and returns the median.
    static func run(_ benchCase: BenchCase, budget: Double) throws -> BenchResult {
        let clock = ContinuousClock()
        // Warm-up: page in code and caches; its digest is the reference every run must repeat.
        let (first, reference) = try benchCase.runOnce()
        if let expected = benchCase.expectedOutputCount, reference.count != expected {
            throw BenchError.checkFailed(op: benchCase.op, file: benchCase.file,
                                         reason: "output is \(reference.count) bytes, expected \(expected)")
        }
        if first < budget / 10 { _ = try checked(benchCase, reference) }

        var times: [Double] = []
        let start = clock.now
        while true {
            let wall = (clock.now - start).seconds
            let wantMore = times.isEmpty || (times.count < 5 && wall < 3 * budget) || (wall < budget && times.count < 5000)
            guard wantMore else { break }
            times.append(try checked(benchCase, reference))
        }
        times.sort()
        let n = times.count
        let median = n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2
        return BenchResult(op: benchCase.op, file: benchCase.file, pixels: benchCase.pixels,
                           bytes: benchCase.inputBytes ?? reference.count,
                           medianSeconds: median, iterations: n)
    }

    private static func checked(_ benchCase: BenchCase, _ reference: Digest) throws -> Double {
        let (seconds, digest) = try benchCase.runOnce()
        guard digest == reference else {
            throw BenchError.checkFailed(op: benchCase.op, file: benchCase.file,
                                         reason: "output changed between runs (\(digest) vs \(reference))")
        }
        return seconds
    }
}
