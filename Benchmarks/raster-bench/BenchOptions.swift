import Foundation

/// The command line: `raster-bench [--corpus DIR] [--json] [--ops a,b] [--time S] [--scaling]`.
struct BenchOptions {
    var corpus: URL
    var json = false
    var ops: [String]?
    /// Seconds of measured iterations per (operation, file) after warm-up.
    var timePerCase = 1.0
    var scaling = false
    /// Print the operations this build offers, comma-separated, and stop (for scripts).
    var listOps = false
    var scalingSeconds = 2.0

    static let usage = """
    usage: raster-bench [--corpus DIR] [--json] [--ops a,b] [--time SECONDS] [--scaling [--scaling-time S]]
      --corpus DIR   folder of .png/.jpg files (default: Fixtures/bench)
      --json         one JSON object per line instead of the table
      --ops a,b      operations to run; available in this build: \(OpRegistry.availableOps.joined(separator: ","))
      --time S       measuring time per operation and file (default 1.0)
      --list-ops     print the available operations, comma-separated, and exit
      --scaling      run 1..N concurrent tasks (N = cores) decoding and encoding; report throughput
    """

    init(_ arguments: ArraySlice<String>) throws {
        corpus = BenchOptions.defaultCorpus()
        var rest = arguments
        func value(_ flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw BenchError.usage("\(flag) needs a value\n\(BenchOptions.usage)") }
            return v
        }
        while let arg = rest.popFirst() {
            switch arg {
            case "--corpus": corpus = URL(fileURLWithPath: try value(arg))
            case "--json": json = true
            case "--ops":
                ops = try value(arg).split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            case "--time":
                guard let t = Double(try value(arg)), t > 0, t < 3600 else { throw BenchError.usage("--time needs a positive number of seconds") }
                timePerCase = t
            case "--scaling": scaling = true
            case "--list-ops": listOps = true
            case "--scaling-time":
                guard let t = Double(try value(arg)), t > 0, t < 3600 else { throw BenchError.usage("--scaling-time needs a positive number of seconds") }
                scalingSeconds = t
            case "-h", "--help": throw BenchError.usage(BenchOptions.usage)
            default: throw BenchError.usage("unknown argument '\(arg)'\n\(BenchOptions.usage)")
            }
        }
    }

    /// Fixtures/bench under the working directory (where `swift run` starts), else beside
    /// this source file's package root, so the tool works from any folder of a checkout.
    static func defaultCorpus() -> URL {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Fixtures/bench")
        if FileManager.default.fileExists(atPath: cwd.path) { return cwd }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/bench")
    }
}
