/* pixman: composite = PIXMAN_OP_OVER of the premultiplied source (premultiplied once,
 * outside timing) onto a fresh copy of the opaque destination, made per call as the
 * other implementations do. composite-watermark: the same through a solid 50% mask
 * (alpha 0x80, i.e. coverage 128/255, as Raster's .opacity(128)). */
#include "peer_common.h"

#include <pixman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { pixman_image_t *src; pixman_image_t *mask; const unsigned char *dst; int w, h; } job;

static int composite(void *ctx, run_output *out) {
    const job *j = ctx;
    size_t size = (size_t)j->w * j->h * 4;
    unsigned char *pixels = malloc(size);
    memcpy(pixels, j->dst, size);
    pixman_image_t *d = pixman_image_create_bits(PIXMAN_a8b8g8r8, j->w, j->h, (uint32_t *)pixels, j->w * 4);
    if (!d) { free(pixels); return -1; }
    pixman_image_composite32(PIXMAN_OP_OVER, j->src, j->mask, d, 0, 0, 0, 0, 0, 0, j->w, j->h);
    pixman_image_unref(d);
    return deliver(out, pixels, size, release_free);
}

int main(int argc, char **argv) {
    peer_options opt;
    corpus c;
    peer_start(argc, argv, &opt, &c);
    int plain = peer_wants(&opt, "composite"), watermark = peer_wants(&opt, "composite-watermark");
    if (!plain && !watermark) return 0;
    pixman_color_t half = {0, 0, 0, 0x8080};
    pixman_image_t *half_mask = pixman_image_create_solid_fill(&half);
    for (int i = 0; i < c.count; i++) {
        corpus_file *f = &c.files[i];
        if (!f->is_png) continue;
        unsigned char *rgba = load_rgba8(f);
        size_t n = (size_t)f->width * f->height;
        if (!rgba || !has_alpha(rgba, n)) { free(rgba); continue; }
        unsigned char *pre = malloc(n * 4), *dst = malloc(n * 4);
        for (size_t p = 0; p < n; p++) {
            unsigned a = rgba[p * 4 + 3];
            for (int k = 0; k < 3; k++) pre[p * 4 + k] = (unsigned char)((rgba[p * 4 + k] * a + 127) / 255);
            pre[p * 4 + 3] = (unsigned char)a;
        }
        fill_destination(dst, f->width, f->height);
        pixman_image_t *src = pixman_image_create_bits(PIXMAN_a8b8g8r8, f->width, f->height, (uint32_t *)pre, f->width * 4);
        job j = {src, NULL, dst, f->width, f->height};
        run_output check = {0};
        if (composite(&j, &check) == 0) {
            int err = composite_error(rgba, check.data, f->width, f->height);
            if (err > 2) fprintf(stderr, "pixman composite %s: off by up to %d from the exact result\n", f->name, err);
            free(check.data);
        }
        if (plain) measure(&opt, "pixman", "composite", f, (long)(n * 4), n * 4, composite, &j, NULL);
        if (watermark) {
            job jw = {src, half_mask, dst, f->width, f->height};
            measure(&opt, "pixman", "composite-watermark", f, (long)(n * 4), n * 4, composite, &jw, NULL);
        }
        pixman_image_unref(src);
        free(pre);
        free(dst);
        free(rgba);
    }
    pixman_image_unref(half_mask);
    return 0;
}
