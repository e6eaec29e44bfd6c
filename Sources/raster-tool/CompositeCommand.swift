import Raster

/// `raster-tool composite DST SRC OUT --op OP [--at X,Y]`: OUT has DST's size.
enum CompositeCommand {
    static func run(_ args: Arguments) throws {
        guard args.positional.count == 3 else { throw CLIError("composite takes DST, SRC and OUT") }
        let (dstPath, srcPath, output) = (args.positional[0], args.positional[1], args.positional[2])
        guard let opName = args.value("op") else { throw CLIError("composite needs --op OP") }
        guard let op = CompositeOperator(name: opName) else {
            let names = CompositeOperator.allCases.map(\.rawValue).joined(separator: ", ")
            throw CLIError("unknown operator '\(opName)'; use one of: \(names)")
        }
        let point = try parsePoint(args.value("at"))
        let target = try OutputKind(path: output)
        var destination = try Codecs.decode(try Files.read(dstPath)).image.narrowed()
        let source = try Codecs.decode(try Files.read(srcPath)).image.narrowed()
        destination.draw(source, at: point, operator: op)
        try Files.writeAtomically(try target.encode(.rgba8(destination)), to: output)
    }

    /// `X,Y` as two integers of any sign; drawing clips, so any values are legal.
    static func parsePoint(_ text: String?) throws(CLIError) -> Point {
        guard let text else { return .zero }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let x = Int(parts[0]), let y = Int(parts[1]) else {
            throw CLIError("--at must be X,Y with whole numbers, got '\(text)'")
        }
        return Point(x: x, y: y)
    }
}
