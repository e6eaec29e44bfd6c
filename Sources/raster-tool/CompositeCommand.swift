import Raster

/// `raster-tool composite DST SRC OUT --op OP [--at X,Y]`.
enum CompositeCommand {
    static func run(_ args: Arguments) throws {
        guard args.positional.count == 3 else { throw CLIError("composite takes DST, SRC and OUT") }
        guard let op = args.value("op") else { throw CLIError("composite needs --op OP") }
        _ = op
        throw CLIError("compositing is not available yet")
    }
}
