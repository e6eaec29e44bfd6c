#!/usr/bin/env python3
"""Fails when a public symbol in the DocC coverage report has no documentation.

Usage: check-doc-coverage.py ARCHIVE/documentation-coverage.json
Synthesised members (Equatable/Hashable operators and their collection groups, the
`hash(into:)`/`hashValue` and `rawValue` plumbing the compiler writes) are not ours to
document and are skipped; everything else must have an abstract.
"""
import json
import sys

SYNTHESISED_TITLES = {"!=(_:_:)", "==(_:_:)", "hash(into:)", "hashValue", "init(rawValue:)", "rawValue",
                      "RawValue", "allCases", "AllCases", "<(_:_:)", ">(_:_:)", "<=(_:_:)", ">=(_:_:)",
                      "...(_:_:)", "..<(_:_:)", "~=(_:_:)", "localizedDescription"}

entries = json.load(open(sys.argv[1]))
missing = []
for e in entries:
    kind = e.get("kind", {})
    if not kind.get("isSymbol", False):
        continue
    title = e.get("title", "")
    path = e.get("referencePath", "")
    if kind.get("name") in ("Framework", "Module"):
        continue  # module pages of the re-exported modules; the catalog documents `Raster`
    if title in SYNTHESISED_TITLES or title.endswith("Implementations"):
        continue
    if not e.get("hasAbstract", False):
        missing.append(path.split("/documentation/", 1)[-1])
total = sum(1 for e in entries if e.get("kind", {}).get("isSymbol", False))
if missing:
    print(f"error: {len(missing)} of {total} public symbols have no documentation:", file=sys.stderr)
    for m in sorted(missing):
        print(f"  {m}", file=sys.stderr)
    sys.exit(1)
print(f"documentation coverage: all {total} public symbols documented")
