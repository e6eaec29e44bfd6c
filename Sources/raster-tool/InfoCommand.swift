import Raster

/// `raster-tool info FILE`: one JSON line from the header alone.
enum InfoCommand {
    static func run(_ args: Arguments) throws {
        guard args.positional.count == 1 else { throw CLIError("info takes exactly one FILE") }
        let bytes = try Files.read(args.positional[0])
        let info = try Codecs.probe(bytes)
        var fields = "{\"format\":\"\(info.format.rawValue)\",\"width\":\(info.width),\"height\":\(info.height),"
            + "\"channels\":\(info.channels),\"bitDepth\":\(info.bitDepth)"
        if info.format == .jpeg {
            fields += ",\"progressive\":\(info.isProgressive),\"orientation\":\(info.orientation.rawValue)"
        }
        print(fields + "}")
    }
}
