import Hummingbird
import Raster
import Synchronization

/// Counts by outcome and the requests in flight, for `GET /metrics`.
final class Metrics: Sendable {
    private struct Counts {
        var byStatus: [Int: Int] = [:]
        var inFlight = 0
    }

    private let counts = Mutex(Counts())

    func started() { counts.withLock { $0.inFlight += 1 } }

    func finished(_ status: HTTPResponse.Status) {
        counts.withLock {
            $0.inFlight -= 1
            $0.byStatus[status.code, default: 0] += 1
        }
    }

    /// Prometheus text format.
    func render(budget: MemoryBudget) -> String {
        let c = counts.withLock { $0 }
        var out = "# TYPE raster_requests_total counter\n"
        for (status, n) in c.byStatus.sorted(by: { $0.key < $1.key }) {
            out += "raster_requests_total{status=\"\(status)\"} \(n)\n"
        }
        out += "# TYPE raster_requests_in_flight gauge\nraster_requests_in_flight \(c.inFlight)\n"
        out += "# TYPE raster_memory_budget_bytes gauge\nraster_memory_budget_bytes \(budget.capacity)\n"
        out += "# TYPE raster_memory_budget_in_use_bytes gauge\nraster_memory_budget_in_use_bytes \(budget.inUse)\n"
        out += "# TYPE raster_memory_budget_waiting gauge\nraster_memory_budget_waiting \(budget.waiting)\n"
        return out
    }
}
