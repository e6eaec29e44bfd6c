#!/usr/bin/env python3
"""Posts each body kind of a load-test manifest once and checks the answer in full.

Usage: check_samples.py MANIFEST FORMAT BASE_URL

A valid image must come back 200 as an image of FORMAT that Pillow decodes completely, of
exactly the fitted size; a hostile body must get exactly its status and a one-line JSON
error body. Prints a JSON report; exits 1 if anything is wrong.
Tools: Python 3.11 with Pillow (PyPI).
"""
import io
import json
import sys
import urllib.error
import urllib.request

from PIL import Image


def fitted(w, h, box):
    if w <= box and h <= box:
        return w, h
    if w >= h:
        return box, max(1, (h * box * 2 + w) // (2 * w))
    return max(1, (w * box * 2 + h) // (2 * h)), box


def post(url, data):
    req = urllib.request.Request(url, data=data, method="POST",
                                 headers={"Content-Type": "application/octet-stream"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def main():
    manifest, fmt, base = sys.argv[1:4]
    results, bad = [], 0
    for line in open(manifest):
        name, _, expected, w, h, size, path = line.split()
        allowed = [int(s) for s in expected.split(",")]
        data = open(path, "rb").read()
        status, body, headers = post(f"{base}/thumbnail?size={size}&format={fmt}", data)
        problem = None
        if 200 in allowed:
            if status != 200:
                problem = f"status {status}: {body[:100]!r}"
            else:
                try:
                    img = Image.open(io.BytesIO(body))
                    img.load()  # decodes every pixel; raises on a truncated or corrupt body
                    want = fitted(int(w), int(h), int(size))
                    if img.format.lower() != fmt:
                        problem = f"format {img.format}, asked {fmt}"
                    elif img.size != want:
                        problem = f"size {img.size}, expected {want}"
                except Exception as e:  # noqa: BLE001 - any decode failure is the finding
                    problem = f"200 body does not decode: {e}"
        else:
            if status not in allowed:
                problem = f"status {status}, expected {expected}: {body[:100]!r}"
            else:
                try:
                    text = body.decode()
                    if text.rstrip("\n").count("\n") or "error" not in json.loads(text):
                        problem = f"error body is not one-line JSON: {text[:100]!r}"
                except Exception as e:  # noqa: BLE001
                    problem = f"error body is not JSON: {e}"
        bad += problem is not None
        results.append({"kind": name, "status": status, "problem": problem})
    json.dump({"checked": len(results), "wrong": bad, "results": results}, sys.stdout)
    print()
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
