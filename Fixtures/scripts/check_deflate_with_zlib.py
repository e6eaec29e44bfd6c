#!/usr/bin/env python3
"""Inflates Raster's own deflate output with Python's zlib, at fixture time.

The Swift test FixtureTests.everyLevelMatchesTheReferenceStreamsContent compresses the deflate
fixture inputs (Fixtures/deflate/text.bin, binary.bin) at every level 0-9, with every
strategy, in zlib, gzip and raw format, and checks that our inflater gives the input back.
Run with RASTER_DEFLATE_STREAMS_DIR set, it also writes those 240 streams to that folder;
this script runs it so and then inflates each stream with Python's zlib (an independent
inflater: zlib 1.2.13 on Debian 12), failing on any stream that does not decode to the input
exactly or that has bytes after its end.

Tools: python3 (stdlib zlib), swift (the package's own test target). Not a make_*.py: it writes
no fixture, it checks the library against the fixture inputs. Fixtures/generate.sh runs it last.

    python3 Fixtures/scripts/check_deflate_with_zlib.py
"""
import os
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WBITS = {"zlib": 15, "gzip": 31, "raw": -15}


def main():
    with tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, RASTER_DEFLATE_STREAMS_DIR=out)
        subprocess.run(["swift", "test", "--filter", "FixtureTests/everyLevelMatchesTheReferenceStreamsContent"],
                       cwd=ROOT, env=env, check=True)
        names = sorted(os.listdir(out))
        failures = []
        for name in names:
            source, _strategy, _level, fmt = name.split(".")
            expected = open(os.path.join(ROOT, "Fixtures", "deflate", source + ".bin"), "rb").read()
            stream = open(os.path.join(out, name), "rb").read()
            d = zlib.decompressobj(WBITS[fmt])
            try:
                got = d.decompress(stream) + d.flush()
            except zlib.error as e:
                failures.append(f"{name}: zlib error {e}")
                continue
            if got != expected:
                failures.append(f"{name}: inflated to {len(got)} bytes, not the {len(expected)}-byte input")
            elif not d.eof or d.unused_data:
                failures.append(f"{name}: stream not ended cleanly ({len(d.unused_data)} bytes after it)")
        expected_count = 2 * 4 * 10 * 3
        if len(names) != expected_count:
            failures.append(f"{len(names)} streams written, expected {expected_count}")
        print(f"Python zlib {zlib.ZLIB_RUNTIME_VERSION}: {len(names) - len(failures)} of {len(names)} "
              f"Raster streams inflated to the input (2 inputs x 4 strategies x levels 0-9 x zlib/gzip/raw)")
        for f in failures:
            print("FAIL", f)
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
