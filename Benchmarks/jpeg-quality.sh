#!/usr/bin/env bash
# Quality and size of Raster's JPEG encoder against libjpeg-turbo's cjpeg at the same
# settings, both decoded by djpeg (accurate IDCT, fancy upsampling):
#
#   Benchmarks/jpeg-quality.sh [PNG ...]      (default: the corpus photos, and photo12.png
#                                              from make_large_corpus.py when it exists)
#
# For each image, quality 50, 75, 90, 95, subsampling 4:2:0 and 4:4:4, and standard tables,
# -optimize and -progressive: bytes and PSNR (over R, G, B against the source, alpha
# flattened onto white as both encoders see it) for cjpeg and Raster, and the checks of
# issue 11: PSNR within 0.1 dB of cjpeg's or better; size at most 2% larger with standard
# tables, and no larger than cjpeg's with -optimize and -progressive. Prints a Markdown
# table and exits 1 if a check fails. Needs cjpeg/djpeg (libjpeg-turbo-progs) and numpy,
# installed here when missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v cjpeg >/dev/null || ! command -v djpeg >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjpeg-turbo-progs >/dev/null
fi
python3 -c "import numpy" 2>/dev/null || python3 -m pip install --quiet numpy

if [ $# -gt 0 ]; then images=("$@"); else
    images=(Fixtures/bench/photo.png)
    [ -f Benchmarks/corpus-large/photo12.png ] && images+=(Benchmarks/corpus-large/photo12.png)
fi

swift build -c release --product jpeg-quality-encoder >/dev/null
tool="$(swift build -c release --show-bin-path)/jpeg-quality-encoder"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rows="$work/rows.txt"
: > "$rows"
for png in "${images[@]}"; do
    name="$(basename "$png" .png)"
    "$tool" "$png" --ppm "$work/$name.ppm"
    for q in 50 75 90 95; do
        for sub in 420 444; do
            sample=$([ "$sub" = 420 ] && echo 2x2 || echo 1x1)
            for mode in standard optimize progressive; do
                flag=""; rflag=""
                [ "$mode" = optimize ] && { flag="-optimize"; rflag="--optimize"; }
                [ "$mode" = progressive ] && { flag="-progressive"; rflag="--progressive"; }
                c="$work/c.jpg"; r="$work/r.jpg"
                cjpeg -dct int -quality "$q" -sample "$sample" $flag -outfile "$c" "$work/$name.ppm"
                "$tool" "$png" "$r" --quality "$q" --subsampling "$sub" $rflag
                djpeg -dct int -pnm -outfile "$work/c.ppm" "$c"
                djpeg -dct int -pnm -outfile "$work/r.ppm" "$r"
                same=$(cmp -s "$c" "$r" && echo identical || echo differ)
                echo "$name $q $sub $mode $(stat -c %s "$c") $(stat -c %s "$r") $same $work/c.ppm $work/r.ppm" >> "$rows"
                python3 - "$work/$name.ppm" "$work/c.ppm" "$work/r.ppm" >> "$rows.psnr" <<'PY'
import sys
import numpy as np
def ppm(path):
    data = open(path, "rb").read()
    fields, i = [], 0
    while len(fields) < 4:
        while data[i:i + 1].isspace(): i += 1
        j = i
        while not data[j:j + 1].isspace(): j += 1
        fields.append(data[i:j]); i = j
    return np.frombuffer(data[i + 1:], np.uint8).astype(np.float64)
src = ppm(sys.argv[1])
out = []
for path in sys.argv[2:]:
    mse = np.mean((ppm(path) - src) ** 2)
    out.append("%.4f" % (10 * np.log10(255 * 255 / mse)))
print(" ".join(out))
PY
            done
        done
    done
done

paste -d' ' "$rows" "$rows.psnr" | python3 -c '
import sys
fails = 0
print("| image | q | sub | mode | cjpeg bytes | Raster bytes | size | cjpeg PSNR | Raster PSNR | dPSNR | files | check |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for line in sys.stdin:
    f = line.split()
    name, q, sub, mode, cb, rb = f[0], f[1], f[2], f[3], int(f[4]), int(f[5])
    cp, rp = float(f[9]), float(f[10])
    ratio = rb / cb
    ok_size = ratio <= 1.02 if mode == "standard" else rb <= cb
    ok_psnr = rp >= cp - 0.1
    ok = ok_size and ok_psnr
    fails += not ok
    print("| %s | %s | %s | %s | %d | %d | %+.2f%% | %.3f | %.3f | %+.3f | %s | %s |" % (
        name, q, sub, mode, cb, rb, (ratio - 1) * 100, cp, rp, rp - cp, f[6], "ok" if ok else "FAIL"))
print()
print("%d of the checks failed" % fails if fails else "every check passed")
sys.exit(1 if fails else 0)
'
