import Foundation

/// `--scaling`: N concurrent tasks (N = 1 ... cores), each running the decode and encode cases
/// on images of its own for a fixed time. Images are values, so the tasks share nothing
/// mutable and need no locks; total throughput should grow with N up to the core count.
enum Scaling {
    static func run(cases: [BenchCase], seconds: Double, json: Bool) async throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard !cases.isEmpty else { throw BenchError.usage("--scaling: no decode or encode operation is available in this build") }
        // Checks the outputs once, so a broken case fails before the timed part.
        for c in cases { _ = try Measure.run(c, budget: 0.01) }
        if !json {
            print("scaling: \(cases.count) cases (\(Set(cases.map(\.op)).sorted().joined(separator: ", "))), \(seconds) s per task count, \(cores) cores")
            print(Report.pad("tasks", 7) + Report.lpad("Mpix/s", 10) + Report.lpad("speed-up", 10) + Report.lpad("runs", 8)
                + Report.lpad("CPUs busy", 11))
        }
        var base = 0.0
        for n in 1 ... max(cores, 1) {
            let clock = ContinuousClock()
            let start = clock.now
            let cpuStart = processCPUSeconds()
            let deadline = start.advanced(by: .milliseconds(Int(seconds * 1000)))
            let totals = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for t in 0 ..< n {
                    group.addTask {
                        var pixels = 0, runs = 0
                        var i = t  // tasks start at different cases so they do not run in lockstep
                        repeat {
                            let c = cases[i % cases.count]
                            _ = try c.runOnce()
                            pixels += c.pixels
                            runs += 1
                            i += 1
                        } while clock.now < deadline
                        return (pixels, runs)
                    }
                }
                var sum = (0, 0)
                for try await (p, r) in group { sum.0 += p; sum.1 += r }
                return sum
            }
            let elapsed = (clock.now - start).seconds
            // CPU seconds per wall second: shows whether the machine actually gave us N cores
            // (on a shared VM it often does not), which the speed-up alone cannot tell.
            let busy = (processCPUSeconds() - cpuStart) / elapsed
            let mpix = Double(totals.0) / 1e6 / elapsed
            if n == 1 { base = mpix }
            if json {
                print("{\"op\":\"scaling\",\"tasks\":\(n),\"mpix_s\":\(String(format: "%.3f", mpix)),\"runs\":\(totals.1),\"seconds\":\(String(format: "%.3f", elapsed)),\"cpus_busy\":\(String(format: "%.2f", busy))}")
            } else {
                print(Report.pad("\(n)", 7) + Report.lpad(String(format: "%.1f", mpix), 10)
                    + Report.lpad(String(format: "%.2fx", base > 0 ? mpix / base : 0), 10) + Report.lpad("\(totals.1)", 8)
                    + Report.lpad(String(format: "%.2f", busy), 11))
            }
        }
    }
}

/// CPU time used by this process so far, all threads.
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
