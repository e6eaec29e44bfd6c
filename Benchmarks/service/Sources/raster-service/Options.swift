#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command line of CONTRACT.md, and two knobs of the budget.
struct Options: Sendable {
    var host = "127.0.0.1"
    var port = 8080
    var budgetBytes = 512 << 20
    /// How long a request waits in line for budget before it gets 503.
    var budgetWait: Duration = .seconds(10)
    var watermarkPath: String?

    static let usage = """
        usage: raster-service [--host H] [--port P] [--memory-budget-mb MB] \
        [--budget-wait-ms MS] [--watermark FILE]
        """

    struct BadArgument: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ arguments: ArraySlice<String>) throws(BadArgument) -> Options {
        var options = Options()
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BadArgument(description: "\(flag) needs a value") }
            func number(_ range: ClosedRange<Int>) throws(BadArgument) -> Int {
                guard let n = Int(value), range.contains(n) else {
                    throw BadArgument(description: "\(flag) takes a whole number in \(range), not '\(value)'")
                }
                return n
            }
            switch flag {
            case "--host": options.host = value
            case "--port": options.port = try number(0 ... 65535)
            case "--memory-budget-mb": options.budgetBytes = try number(16 ... 1 << 20) << 20
            case "--budget-wait-ms": options.budgetWait = .milliseconds(try number(0 ... 600_000))
            case "--watermark": options.watermarkPath = value
            default: throw BadArgument(description: "unknown option \(flag)")
            }
        }
        return options
    }
}

/// Reads a whole file (the watermark, once at start-up).
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if n > 0 { bytes.append(contentsOf: chunk[..<n]) }
        if n < chunk.count { break }
    }
    return ferror(file) == 0 ? bytes : nil
}
