#!/usr/bin/env python3
"""Writes the load test's results into docs/service.md (between the loadtest markers).

Usage: report.py RESULTS_DIR DOC [--command TEXT]
Tools: Python 3.11 standard library.
"""
import datetime
import glob
import json
import os
import platform
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summarize import facts, load, problems  # noqa: E402

BEGIN, END = "<!-- loadtest:begin -->", "<!-- loadtest:end -->"


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip()
    except Exception:  # noqa: BLE001
        return "?"


def machine():
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    mem = sh("awk '/MemTotal/ {printf \"%.0f GiB\", $2/1048576}' /proc/meminfo")
    load = sh("cut -d' ' -f1-3 /proc/loadavg")
    swift = sh("swift --version 2>&1 | head -1")
    wrk = sh("wrk -v 2>&1 | head -1")
    commit = sh("git -C " + os.path.dirname(os.path.abspath(__file__)) + " rev-parse --short HEAD")
    return [
        f"- Machine: {os.cpu_count()} cores ({cpu}), {mem}, Linux {platform.release()}",
        f"- Load average when the report was written: {load} "
        "(the machine is shared; both services ran interleaved under the same conditions)",
        f"- {swift}; {sh('go version')}; {wrk}",
        f"- Raster commit {commit}, "
        f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
    ]


def main():
    results, doc = sys.argv[1], sys.argv[2]
    command = sys.argv[sys.argv.index("--command") + 1] if "--command" in sys.argv else "bash Benchmarks/service/loadtest.sh"
    runs = []
    for path in glob.glob(os.path.join(results, "*.run.json")):
        prefix = path[: -len(".run.json")]
        wrk, run, samples = load(prefix)
        runs.append((run, wrk, facts(wrk, run, samples)))
    runs.sort(key=lambda r: (r[0]["connections"], r[0]["service"] != "raster"))
    if not runs:
        sys.exit("no results")
    first = runs[0][0]
    name = {"raster": "raster-service", "go": "go-peer"}

    out = [BEGIN, "", "### Setup", ""]
    out += machine()
    out += [
        f"- Command: `{command}`",
        f"- Each run: a fresh service on 127.0.0.1, `wrk -t2 -cN -d{first['seconds']}s --timeout 60s "
        f"-s Benchmarks/service/loadtest/mix.lua`, body mix `{first['manifest']}`, thumbnails asked as "
        f"`size=256&format={first['format']}`; raster-service with `--memory-budget-mb "
        f"{next((r[0]['budget_mb'] for r in runs if r[0]['service'] == 'raster'), '?')}`; the Go peer has no budget.",
        "",
        "### Throughput, latency, outcomes",
        "",
        "| conns | service | req/s | thumbnails/s | p50 ms | p99 ms | 200 | 400 | 413 | 415 | 503 | other | wrong | conn errors | crashed | clean stop | peak RSS MB | idle RSS MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for run, wrk, f in runs:
        st = dict(f["statuses"])
        cols = [st.pop(s, 0) for s in ("200", "400", "413", "415", "503")]
        other = sum(st.values())
        out.append(
            f"| {run['connections']} | {name[run['service']]} | {f['rps']:.1f} | {f['thumbs_per_s']:.1f} | "
            f"{f['p50_ms']:.0f} | {f['p99_ms']:.0f} | " + " | ".join(str(c) for c in cols)
            + f" | {other} | {f['wrong']} | {f['conn_errors']} | {'no' if f['alive'] else '**yes**'} | "
            f"{'yes' if f['exit_status'] == 0 else '**no** (' + str(f['exit_status']) + ')'} | "
            f"{f['peak_rss_mb']:.0f} | {f['idle_rss_mb']:.0f} |")

    out += ["", "### Responses by body kind (all levels together)", "",
            "| body kind | deserves | raster-service | go-peer |", "|---|---|---|---|"]
    kinds, expected = {}, {}
    manifest_path = None
    for run, wrk, f in runs:
        for k in wrk["kinds"]:
            if k["kind"] == "unmatched" and not k["statuses"]:
                continue
            entry = kinds.setdefault(k["kind"], {"raster": {}, "go": {}})
            for s, n in k["statuses"].items():
                entry[run["service"]][s] = entry[run["service"]].get(s, 0) + n
            if k["wrong"]:
                entry[run["service"]]["wrong"] = entry[run["service"]].get("wrong", 0) + k["wrong"]
    bodies = os.path.join(os.path.dirname(os.path.abspath(results)), "bodies", first["manifest"])
    if os.path.exists(bodies):
        for line in open(bodies):
            parts = line.split()
            expected[parts[0]] = parts[2].replace(",", " or ")
    for kind, entry in kinds.items():
        def fmt(d):
            return ", ".join(f"{s}: {n}" for s, n in sorted(d.items())) or "-"
        out.append(f"| {kind} | {expected.get(kind, '?')} | {fmt(entry['raster'])} | {fmt(entry['go'])} |")

    out += ["", "### Against the issue's targets", ""]
    rs = [r for r in runs if r[0]["service"] == "raster"]
    gs = {r[0]["connections"]: r for r in runs if r[0]["service"] == "go"}
    for run, wrk, f in rs:
        c = run["connections"]
        p = problems(f)
        line = f"- {c} connections: " + ("no wrong response, no connection error, no crash, clean stop" if not p else "**" + "; ".join(p) + "**")
        over = f["peak_rss_mb"] - run["budget_mb"]
        line += f"; peak RSS {f['peak_rss_mb']:.0f} MB = budget {run['budget_mb']} MB {'+' if over >= 0 else '-'} {abs(over):.0f} MB"
        if c in gs:
            g = gs[c][2]
            ratio = f["thumbs_per_s"] / g["thumbs_per_s"] if g["thumbs_per_s"] else float("inf")
            line += (f"; {f['thumbs_per_s']:.1f} vs {g['thumbs_per_s']:.1f} thumbnails/s for the Go peer "
                     f"({ratio:.2f}x{'' if ratio > 1 else ', **not faster**'})")
            gp = problems(g)
            if gp:
                line += f"; Go peer: {'; '.join(gp)}"
        out.append(line)
    wrong_lines = [(run, l) for run, wrk, f in runs for l in wrk.get("samples", [])]
    if wrong_lines:
        out += ["", "Wrong responses seen (first few):", ""]
        out += [f"- {name[run['service']]} c={run['connections']}: `{l}`" for run, l in wrong_lines[:10]]
    out += ["", END]
    block = "\n".join(out)

    text = open(doc).read() if os.path.exists(doc) else "# Thumbnail service under load\n\n" + BEGIN + "\n" + END + "\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(doc, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
