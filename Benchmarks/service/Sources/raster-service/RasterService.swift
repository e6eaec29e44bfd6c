// raster-service: a thumbnail and watermark HTTP service on Raster and Hummingbird 2.
//
//   swift run -c release --package-path Benchmarks/service raster-service \
//       [--host 127.0.0.1] [--port 8080] [--memory-budget-mb 512] [--watermark FILE]
//
// Every decode reserves its memory from one shared `MemoryBudget` first, so the process
// stays within the budget (plus a fixed overhead) however many requests arrive at once;
// over budget a request waits in line, then gets 503 with Retry-After.
import Hummingbird
import Logging
import Raster
#if canImport(Glibc)
import Glibc
#endif

@main
struct RasterService {
    static func main() async throws {
        let options: Options
        do {
            options = try Options.parse(CommandLine.arguments.dropFirst())
        } catch {
            print("error: \(error)\n\(Options.usage)")
            exit(2)
        }
        let service: ImageService
        do {
            service = try ImageService(options: options)
        } catch {
            print("error: \(error)")
            exit(1)
        }

        var logger = Logger(label: "raster-service")
        logger.logLevel = .info
        let announce = logger
        let app = Application(
            router: makeRouter(service),
            configuration: .init(address: .hostname(options.host, port: options.port),
                                 serverName: "raster-service", backlog: 1024),
            onServerRunning: { channel in
                let address = channel.localAddress.map { "\($0)" } ?? "\(options.host):\(options.port)"
                announce.info("raster-service listening on \(address), memory budget \(options.budgetBytes) bytes")
            },
            logger: logger
        )
        // runService installs handlers for SIGTERM and SIGINT and shuts down gracefully:
        // the listener closes, requests in flight finish, then main returns (exit status 0).
        try await app.runService()
        logger.info("raster-service stopped")
    }
}
