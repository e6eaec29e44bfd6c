/// Why a benchmark run stopped. Every case names the file or operation at fault.
enum BenchError: Error, CustomStringConvertible {
    /// A command-line argument was unknown or malformed.
    case usage(String)
    /// The corpus folder is missing, unreadable or holds no usable file.
    case corpus(String)
    /// A file of the corpus is not a PNG or JPEG this harness can read the header of.
    case badFile(name: String, reason: String)
    /// An operation was asked for by `--ops` but is not built into this package yet.
    case unknownOperation(String)
    /// The codec threw while being measured.
    case operationFailed(op: String, file: String, reason: String)
    /// The codec's output was wrong (size, round trip, reference) or changed between runs.
    case checkFailed(op: String, file: String, reason: String)

    var description: String {
        switch self {
        case let .usage(message): return message
        case let .corpus(message): return "corpus: \(message)"
        case let .badFile(name, reason): return "\(name): \(reason)"
        case let .unknownOperation(op): return "operation '\(op)' is not available in this build (available: \(OpRegistry.availableOps.joined(separator: ", ")))"
        case let .operationFailed(op, file, reason): return "\(op) on \(file) failed: \(reason)"
        case let .checkFailed(op, file, reason): return "\(op) on \(file) gave a wrong result: \(reason)"
        }
    }
}
