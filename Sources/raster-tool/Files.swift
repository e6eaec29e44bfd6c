import Foundation

/// File access for the CLI. Output goes to a temporary file beside the target that is
/// renamed into place only once complete, so a failure never leaves a partial OUT.
enum Files {
    static func read(_ path: String) throws(CLIError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError("cannot read \(path): no such file or not readable")
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw CLIError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(CLIError) {
        let target = URL(fileURLWithPath: path)
        let temp = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(bytes).write(to: temp)
            // rename(2) replaces an existing file atomically; readers see the old or the new file.
            guard rename(temp.path, target.path) == 0 else {
                throw CLIError(String(cString: strerror(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw CLIError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
