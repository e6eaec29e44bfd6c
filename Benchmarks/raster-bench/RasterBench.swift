import Foundation

/// `swift run -c release raster-bench [--corpus DIR] [--json] [--ops a,b] [--time S] [--scaling]`
/// (see the Benchmark section of CONTRACT.md).
@main
struct RasterBench {
    static func main() async {
        do {
            try await run(BenchOptions(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ options: BenchOptions) async throws {
        let available = OpRegistry.availableOps
        if options.listOps {
            print(available.joined(separator: ","))
            return
        }
        let ops: [String]
        if let requested = options.ops {
            for op in requested where !available.contains(op) { throw BenchError.unknownOperation(op) }
            ops = OpRegistry.contractOrder.filter { requested.contains($0) } + requested.filter { !OpRegistry.contractOrder.contains($0) }
        } else {
            ops = available
        }
        let corpus = try Corpus(directory: options.corpus)

        if options.scaling {
            let wanted = options.ops.map(Set.init) ?? ["png-decode", "png-encode", "jpeg-decode", "jpeg-encode"]
            var cases: [BenchCase] = []
            for op in ops where wanted.contains(op) {
                guard let family = OpRegistry.family(for: op) else { continue }
                cases += try family.cases(for: op, corpus: corpus)
            }
            try await Scaling.run(cases: cases, seconds: options.scalingSeconds, json: options.json)
            return
        }

        if ops.isEmpty {
            FileHandle.standardError.write(Data("raster-bench: no operations are available in this build yet\n".utf8))
            return
        }
        if !options.json {
            print("raster-bench: corpus \(options.corpus.path), \(corpus.files.count) files, ops \(ops.joined(separator: ","))")
            print(Report.tableHeader)
        }
        for op in ops {
            guard let family = OpRegistry.family(for: op) else { throw BenchError.unknownOperation(op) }
            for benchCase in try family.cases(for: op, corpus: corpus) {
                let result = try Measure.run(benchCase, budget: options.timePerCase)
                print(options.json ? Report.jsonLine(result) : Report.tableRow(result))
                fflush(nil)  // lines appear as they are measured, also through a pipe
            }
        }
        if !options.json { print(Report.tableFooter) }
    }
}
