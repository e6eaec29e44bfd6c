/* stb_image_resize (Debian's libstb ships version 1, stb_image_resize.h; not v2): resize
 * with stbir_resize on 8-bit RGBA, alpha channel 3 (stb premultiplies internally, in float),
 * linear colour space (no sRGB conversion, as the contract's default), edges clamped.
 * Version 1 has no Lanczos filter: the lanczos3 cases are not measured. Its catmull-rom and
 * triangle are the contract's kernels; edges are clamped (the edge pixel repeated) where the
 * contract drops the taps outside the image and renormalises, so border pixels differ. */
#include "resize_common.h"

#include <stb_image_resize.h>
#include <stdlib.h>

static int has_filter(int filter) { return filter != FILTER_LANCZOS3; }

static int resize(void *ctx, run_output *out) {
    const resize_job *j = ctx;
    size_t size = (size_t)j->tw * j->th * 4;
    unsigned char *dst = malloc(size);
    if (!dst) return -1;
    stbir_filter filter = j->filter == FILTER_TRIANGLE ? STBIR_FILTER_TRIANGLE : STBIR_FILTER_CATMULLROM;
    if (!stbir_resize(j->rgba, j->w, j->h, 0, dst, j->tw, j->th, 0, STBIR_TYPE_UINT8, 4, 3, 0, STBIR_EDGE_CLAMP,
                      STBIR_EDGE_CLAMP, filter, filter, STBIR_COLORSPACE_LINEAR, NULL)) {
        free(dst);
        return -1;
    }
    return deliver(out, dst, size, release_free);
}

static const char *note(const resize_job *j) { return "edges clamped, not renormalised"; }

int main(int argc, char **argv) {
    resize_peer peer = {"stb_image_resize", resize, NULL, has_filter, note};
    return resize_peer_main(argc, argv, &peer);
}
