/* libvips through its C API, one thread (vips_concurrency_set(1)) and the operation cache
 * off (vips_cache_set_max(0)), as a service embedding it would run one request per core.
 *
 * resize: vips_resize with the kernel named (lanczos3, linear, cubic = Catmull-Rom), the
 * two scales given separately so the output has exactly the target size. An image with
 * alpha is premultiplied first and unpremultiplied and cast back to 8 bits after, as
 * vips_thumbnail does (vips_resize alone does not premultiply); that runs in float. Opaque
 * images stay 8-bit. vips_resize shrinks by an integer box factor first when the ratio is
 * large (its default gap of 2), which is faster and not the same arithmetic as one
 * kernel pass: the lines say so.
 * thumbnail: vips_thumbnail_buffer (shrink-on-load for JPEG, EXIF orientation, lanczos3
 * by default) fitting 256x256, flattened on black when it has alpha, then
 * vips_jpegsave_buffer at quality 85. */
#include "resize_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <vips/vips.h>

/* Unrefs every image made along the way (vips images are reference counted GObjects). */
typedef struct { VipsImage *all[8]; int n; } pipeline;

static VipsImage *keep(pipeline *p, VipsImage *im) {
    p->all[p->n++] = im;
    return im;
}

static void pipeline_end(pipeline *p) {
    while (p->n > 0) g_object_unref(p->all[--p->n]);
}

static int resize(void *ctx, run_output *out) {
    const resize_job *j = ctx;
    static const VipsKernel kernels[FILTER_COUNT] = {VIPS_KERNEL_LANCZOS3, VIPS_KERNEL_LINEAR, VIPS_KERNEL_CUBIC};
    pipeline p = {0};
    VipsImage *im = keep(&p, vips_image_new_from_memory(j->rgba, (size_t)j->w * j->h * 4, j->w, j->h, 4,
                                                        VIPS_FORMAT_UCHAR));
    VipsImage *t = NULL;
    int failed = 0;
    if (j->alpha) {
        failed = failed || vips_premultiply(im, &t, NULL);
        if (!failed) im = keep(&p, t);
    }
    /* The exact ratios: vips also places its samples by them, so a nudged scale would shift
     * the whole grid. It rounds w * scale to the output width (checked below). */
    double hscale = (double)j->tw / j->w, vscale = (double)j->th / j->h;
    failed = failed || vips_resize(im, &t, hscale, "vscale", vscale, "kernel", kernels[j->filter], NULL);
    if (!failed) im = keep(&p, t);
    if (j->alpha && !failed) {
        failed = vips_unpremultiply(im, &t, NULL);
        if (!failed) im = keep(&p, t);
        failed = failed || vips_cast(im, &t, VIPS_FORMAT_UCHAR, NULL);
        if (!failed) im = keep(&p, t);
    }
    size_t size = 0;
    void *mem = failed ? NULL : vips_image_write_to_memory(im, &size);
    int ok = mem && im->Xsize == j->tw && im->Ysize == j->th && im->Bands == 4;
    if (!ok && mem) fprintf(stderr, "vips: %dx%dx%d, expected %dx%dx4\n", im->Xsize, im->Ysize, im->Bands, j->tw, j->th);
    pipeline_end(&p);
    if (!ok) {
        g_free(mem);
        return -1;
    }
    return deliver(out, mem, size, g_free);
}

static int thumbnail(void *ctx, run_output *out) {
    const corpus_file *f = ctx;
    pipeline p = {0};
    VipsImage *t = NULL;
    if (vips_thumbnail_buffer(f->bytes, f->size, &t, 256, "height", 256, NULL)) return -1;
    VipsImage *im = keep(&p, t);
    int failed = 0;
    if (vips_image_hasalpha(im)) {
        failed = vips_flatten(im, &t, NULL);
        if (!failed) im = keep(&p, t);
    }
    void *buf = NULL;
    size_t len = 0;
    failed = failed || vips_jpegsave_buffer(im, &buf, &len, "Q", 85, NULL);
    pipeline_end(&p);
    if (failed) return -1;
    return deliver(out, buf, len, g_free);
}

static const char *note(const resize_job *j) {
    int box_first = (double)j->w / j->tw >= 4.0 || (double)j->h / j->th >= 4.0;
    if (j->alpha) return box_first ? "premultiplied in float; box pre-shrink" : "premultiplied in float";
    return box_first ? "box pre-shrink" : NULL;
}

int main(int argc, char **argv) {
    if (VIPS_INIT(argv[0])) vips_error_exit("vips_init");
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    resize_peer peer = {"libvips", resize, thumbnail, NULL, note};
    int rc = resize_peer_main(argc, argv, &peer);
    vips_shutdown();
    return rc;
}
