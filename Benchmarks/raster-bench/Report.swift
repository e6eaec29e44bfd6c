import Foundation

/// Prints results as JSON lines (the contract's format) or as a readable table.
enum Report {
    static func jsonLine(_ r: BenchResult) -> String {
        "{\"op\":\"\(r.op)\",\"file\":\"\(escaped(r.file))\",\"pixels\":\(r.pixels),\"bytes\":\(r.bytes),"
            + "\"median_s\":\(String(format: "%.9f", r.medianSeconds)),\"mpix_s\":\(String(format: "%.3f", r.mpixPerSecond))}"
    }

    static func escaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let tableHeader: String = {
        let head = pad("op", 21) + pad("file", 18) + lpad("Mpix", 7) + lpad("bytes", 11) + lpad("median ms", 11)
            + lpad("Mpix/s", 9) + lpad("MB/s", 9) + lpad("runs", 6)
        return head + "\n" + String(repeating: "-", count: head.count)
    }()

    static func tableRow(_ r: BenchResult) -> String {
        pad(r.op, 21) + pad(r.file, 18) + lpad(String(format: "%.2f", Double(r.pixels) / 1e6), 7)
            + lpad("\(r.bytes)", 11) + lpad(String(format: "%.3f", r.medianSeconds * 1e3), 11)
            + lpad(String(format: "%.1f", r.mpixPerSecond), 9) + lpad(String(format: "%.1f", r.megabytesPerSecond), 9)
            + lpad("\(r.iterations)", 6)
    }

    static let tableFooter = """

    Mpix/s: pixels of the image the file holds per second. MB/s: the compressed side (decode and
    inflate input, encode and deflate output) per second. Medians of warm runs; every output checked.
    """

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }

    static func lpad(_ s: String, _ width: Int) -> String {
        s.count >= width ? " " + s : String(repeating: " ", count: width - s.count) + s
    }
}
