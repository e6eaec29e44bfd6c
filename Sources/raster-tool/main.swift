import Foundation
import Raster

let usage = """
usage: raster-tool info FILE
       raster-tool convert IN OUT [--quality Q] [--subsampling 444|422|420] [--optimize] [--progressive] [--orient] [--scale 1/2|1/4|1/8]
       raster-tool composite DST SRC OUT --op OP [--at X,Y]
       raster-tool resize IN OUT --size WxH [--filter F] [--fit fill|contain|cover|crop] [--linear]
       raster-tool thumbnail IN OUT [--size N] [--quality Q]
"""

/// Runs one command; every failure surfaces as a `CLIError` or a codec error.
func run(_ argv: [String]) throws {
    guard let command = argv.dropFirst().first else { throw CLIError("no command given\n\(usage)") }
    let rest = argv.dropFirst(2)
    switch command {
    case "info":
        try InfoCommand.run(try Arguments(rest, valued: [], switches: []))
    case "convert":
        try ConvertCommand.run(try Arguments(rest, valued: ConvertCommand.valued, switches: ConvertCommand.switches))
    case "composite":
        try CompositeCommand.run(try Arguments(rest, valued: ["op", "at"], switches: []))
    case "resize":
        try ResizeCommand.run(try Arguments(rest, valued: ResizeCommand.valued, switches: ResizeCommand.switches))
    case "thumbnail":
        try ThumbnailCommand.run(try Arguments(rest, valued: ThumbnailCommand.valued, switches: []))
    case "-h", "--help", "help":
        print(usage)
    default:
        throw CLIError("unknown command '\(command)'\n\(usage)")
    }
}

do {
    try run(CommandLine.arguments)
} catch {
    // One line only: the contract promises a single `error:` line.
    let message = String(describing: error).split(separator: "\n").first.map(String.init) ?? "failed"
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}
