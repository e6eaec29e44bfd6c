#!/usr/bin/env python3
"""One line about a load-test run, and its verdict.

Usage: summarize.py RESULT_PREFIX [--strict]

Reads RESULT_PREFIX.wrk.json (from mix.lua), .run.json (from common.sh) and
.samples.json (from check_samples.py). With --strict, exits 1 unless the run had no wrong
response, no unmatched response, no connection error, no crash, a clean stop on SIGTERM
and every sampled response correct.
"""
import json
import sys


def load(prefix):
    wrk = json.load(open(prefix + ".wrk.json"))
    run = json.load(open(prefix + ".run.json"))
    try:
        samples = json.load(open(prefix + ".samples.json"))
    except (OSError, ValueError):
        samples = {"checked": 0, "wrong": None}
    return wrk, run, samples


def facts(wrk, run, samples):
    statuses = {}
    for k in wrk["kinds"]:
        for s, n in k["statuses"].items():
            statuses[s] = statuses.get(s, 0) + n
    seconds = wrk["duration_us"] / 1e6
    e = wrk["errors"]
    return {
        "requests": wrk["requests"],
        "rps": wrk["requests"] / seconds if seconds else 0,
        "thumbs_per_s": statuses.get("200", 0) / seconds if seconds else 0,
        "p50_ms": wrk["latency_us"]["p50"] / 1000,
        "p99_ms": wrk["latency_us"]["p99"] / 1000,
        "statuses": statuses,
        "wrong": sum(k["wrong"] for k in wrk["kinds"]),
        "conn_errors": e["connect"] + e["read"] + e["write"] + e["timeout"],
        "alive": run["alive_after_load"],
        "exit_status": run["exit_status"],
        "samples_ok": run["samples_ok"],
        "peak_rss_mb": run["peak_rss_kb"] / 1024,
        "idle_rss_mb": run["idle_rss_kb"] / 1024,
    }


def problems(f):
    out = []
    if f["wrong"]:
        out.append(f"{f['wrong']} wrong responses")
    if f["conn_errors"]:
        out.append(f"{f['conn_errors']} connection errors")
    if not f["alive"]:
        out.append("service died under load")
    if f["exit_status"] != 0:
        out.append(f"exit status {f['exit_status']} on SIGTERM")
    if not f["samples_ok"]:
        out.append("a sampled response was wrong")
    if f["requests"] == 0:
        out.append("no request completed")
    return out


def main():
    prefix = sys.argv[1]
    wrk, run, samples = load(prefix)
    f = facts(wrk, run, samples)
    p = problems(f)
    counts = " ".join(f"{s}:{n}" for s, n in sorted(f["statuses"].items()))
    print(f"{f['rps']:.1f} req/s, {f['thumbs_per_s']:.1f} thumbnails/s, p50 {f['p50_ms']:.0f} ms, "
          f"p99 {f['p99_ms']:.0f} ms, [{counts}], peak RSS {f['peak_rss_mb']:.0f} MB"
          + (f"; PROBLEMS: {'; '.join(p)}" if p else "; all checks passed"))
    for line in wrk.get("samples", [])[:10]:
        print("   wrong:", line)
    if "--strict" in sys.argv and p:
        sys.exit(1)


if __name__ == "__main__":
    main()
