/// Hand-rolled parsing of `raster-tool` arguments (the package takes no dependencies).
struct Arguments {
    private(set) var positional: [String] = []
    private var options: [String: String] = [:]
    private var flags: Set<String> = []

    /// `valued` names options that take a value (`--quality 80`, `--quality=80`); any other
    /// `--name` must be in `switches`.
    init(_ args: ArraySlice<String>, valued: Set<String>, switches: Set<String>) throws(CLIError) {
        var i = args.startIndex
        while i < args.endIndex {
            let arg = args[i]
            i += 1
            guard arg.hasPrefix("--"), arg.count > 2 else {
                positional.append(arg)
                continue
            }
            var name = String(arg.dropFirst(2))
            var value: String?
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if valued.contains(name) {
                if value == nil {
                    guard i < args.endIndex else { throw CLIError("option --\(name) needs a value") }
                    value = args[i]
                    i += 1
                }
                options[name] = value
            } else if switches.contains(name), value == nil {
                flags.insert(name)
            } else {
                throw CLIError("unknown option --\(name)")
            }
        }
    }

    func value(_ name: String) -> String? { options[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}
