#!/usr/bin/env bash
# Installs (when missing) and builds the peer implementations raster-bench is compared with,
# into Benchmarks/peers/build/. Debian packages: libpng, libspng, zlib, libdeflate,
# libjpeg-turbo (TurboJPEG API), stb (stb_image, stb_image_write), pixman, and Go's
# standard library (golang-go). Safe to run again: it only rebuilds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$here/build"
mkdir -p "$build"

packages="gcc pkg-config libpng-dev libspng-dev zlib1g-dev libdeflate-dev libturbojpeg0-dev libstb-dev libpixman-1-dev golang-go"
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

# Versions, for the report.
{
    for p in libpng16-16 libspng0 zlib1g libdeflate0 libturbojpeg0 libstb0 libpixman-1-0 golang-go; do
        printf '%s %s\n' "$p" "$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || echo '?')"
    done
} > "$build/versions.txt"
echo "peers: built into $build" >&2
