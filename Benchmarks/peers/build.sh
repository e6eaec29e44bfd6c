#!/usr/bin/env bash
# Installs (when missing) and builds the peer implementations raster-bench is compared with,
# into Benchmarks/peers/build/. Debian packages: libpng, libspng, zlib, libdeflate,
# libjpeg-turbo (TurboJPEG API), stb (stb_image, stb_image_write), pixman, and Go's
# standard library (golang-go). Safe to run again: it only rebuilds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$here/build"
mkdir -p "$build"

packages="gcc pkg-config libpng-dev libspng-dev zlib1g-dev libdeflate-dev libturbojpeg0-dev libstb-dev libpixman-1-dev golang-go
    libvips-dev golang-golang-x-image-dev golang-github-disintegration-imaging-dev
    python3-venv python3-dev libjpeg-dev"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "peers: installing$missing" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

cflags="-O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter"
common="$here/c/peer_common.c"
png="$(pkg-config --cflags --libs libpng)"
cc $cflags -o "$build/peer_libpng" "$here/c/peer_libpng.c" "$common" $png
cc $cflags -o "$build/peer_spng" "$here/c/peer_spng.c" "$common" $(pkg-config --cflags --libs spng) $png
cc $cflags -o "$build/peer_zlib" "$here/c/peer_zlib.c" "$common" $(pkg-config --cflags --libs zlib) $png
cc $cflags -o "$build/peer_libdeflate" "$here/c/peer_libdeflate.c" "$common" $(pkg-config --cflags --libs libdeflate) $png
cc $cflags -o "$build/peer_turbojpeg" "$here/c/peer_turbojpeg.c" "$common" $(pkg-config --cflags --libs libturbojpeg) $png
cc $cflags -o "$build/peer_stb" "$here/c/peer_stb.c" "$common" $(pkg-config --cflags --libs stb) $png -lm
cc $cflags -o "$build/peer_pixman" "$here/c/peer_pixman.c" "$common" $(pkg-config --cflags --libs pixman-1) $png

export GOCACHE="$build/gocache" GOPATH="$build/gopath" GOFLAGS=-mod=mod GOTOOLCHAIN=local
(cd "$here/go" && go build -o "$build/peer_go" .)

# Resize and thumbnail peers (Benchmarks/peers/resize/).
resize="$here/resize"
cc $cflags -o "$build/peer_stbir" "$resize/peer_stbir.c" "$resize/resize_common.c" "$common" $(pkg-config --cflags --libs stb) $png -lm
cc $cflags -o "$build/peer_vips" "$resize/peer_vips.c" "$resize/resize_common.c" "$common" $(pkg-config --cflags --libs vips) $png
# Debian installs x/image and imaging as GOPATH sources, so this one builds without modules.
(cd "$resize/go" && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= go build -o "$build/peer_goresize" .)
# Pillow and Pillow-SIMD cannot share a venv (both are the PIL package). Debian's python3
# has the venv module and the headers Pillow-SIMD's source build needs.
venv() { # name pip-arguments...
    local dir="$build/venv-$1"
    shift
    if [ ! -x "$dir/bin/python" ] || ! "$dir/bin/python" -c "import PIL" 2>/dev/null; then
        echo "peers: making $dir" >&2
        rm -rf "$dir"
        /usr/bin/python3 -m venv "$dir"
        "$dir/bin/pip" install --quiet "$@"
    fi
}
venv pillow pillow
CC="cc -mavx2" venv pillow-simd --no-binary pillow-simd pillow-simd
for p in pillow pillow-simd; do
    printf '#!/bin/sh\nexec "%s/venv-%s/bin/python" "%s/peer_pillow.py" --peer %s "$@"\n' "$build" "$p" "$resize" "$p" > "$build/peer_$p"
    chmod +x "$build/peer_$p"
done

# Versions, for the report.
{
    for p in libpng16-16 libspng0 zlib1g libdeflate0 libturbojpeg0 libstb0 libpixman-1-0 golang-go \
        libvips42 golang-golang-x-image-dev golang-github-disintegration-imaging-dev; do
        printf '%s %s\n' "$p" "$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || echo '?')"
    done
    for p in pillow pillow-simd; do
        printf '%s %s\n' "$p" "$("$build/venv-$p/bin/python" -c 'import PIL; print(PIL.__version__)' 2>/dev/null || echo '?')"
    done
} > "$build/versions.txt"
echo "peers: built into $build" >&2
