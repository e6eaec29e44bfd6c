/* libspng: png-decode to SPNG_FMT_RGBA8 (tRNS applied) and png-encode of RGBA8 (RGBA16,
 * big-endian as SPNG_FMT_PNG expects, for 16-bit files) with libspng's defaults. */
#include "peer_common.h"

#include <spng.h>
#include <stdlib.h>

static int decode(void *ctx, run_output *out) {
    const corpus_file *f = ctx;
    spng_ctx *s = spng_ctx_new(0);
    if (!s) return -1;
    size_t size = 0;
    unsigned char *pixels = NULL;
    if (spng_set_png_buffer(s, f->bytes, f->size) || spng_decoded_image_size(s, SPNG_FMT_RGBA8, &size)) goto fail;
    pixels = malloc(size);
    if (spng_decode_image(s, pixels, size, SPNG_FMT_RGBA8, SPNG_DECODE_TRNS)) goto fail;
    spng_ctx_free(s);
    out->data = pixels;
    out->size = size;
    out->release = release_free;
    return 0;
fail:
    free(pixels);
    spng_ctx_free(s);
    return -1;
}

typedef struct { const unsigned char *rgba; int w, h, depth; } image;

static int encode(void *ctx, run_output *out) {
    const image *im = ctx;
    spng_ctx *s = spng_ctx_new(SPNG_CTX_ENCODER);
    if (!s) return -1;
    spng_set_option(s, SPNG_ENCODE_TO_BUFFER, 1);
    struct spng_ihdr ihdr = {0};
    ihdr.width = (uint32_t)im->w;
    ihdr.height = (uint32_t)im->h;
    ihdr.bit_depth = (uint8_t)im->depth;
    ihdr.color_type = SPNG_COLOR_TYPE_TRUECOLOR_ALPHA;
    spng_set_ihdr(s, &ihdr);
    size_t len = (size_t)im->w * im->h * (size_t)(im->depth / 2);
    int err = spng_encode_image(s, im->rgba, len, SPNG_FMT_PNG, SPNG_ENCODE_FINALIZE);
    if (err) { spng_ctx_free(s); return -1; }
    size_t png_len = 0;
    void *png = spng_get_png_buffer(s, &png_len, &err);
    spng_ctx_free(s);
    if (!png || err) { free(png); return -1; }
    out->data = png;
    out->size = png_len;
    out->release = release_free;
    return 0;
}

int main(int argc, char **argv) {
    peer_options opt;
    peer_parse_args(argc, argv, &opt);
    corpus c;
    corpus_load(opt.corpus_dir, &c);
    if (peer_wants(&opt, "png-decode"))
        for (int i = 0; i < c.count; i++)
            if (c.files[i].is_png)
                measure(&opt, "libspng", "png-decode", &c.files[i], (long)c.files[i].size,
                        (size_t)c.files[i].width * c.files[i].height * 4, decode, &c.files[i], NULL);
    if (peer_wants(&opt, "png-encode"))
        for (int i = 0; i < c.count; i++) {
            if (!c.files[i].is_png) continue;
            /* 16-bit files are encoded as 16-bit, as Raster encodes its 16-bit raster. */
            int depth = c.files[i].bit_depth == 16 ? 16 : 8;
            image im = {depth == 16 ? load_rgba16be(&c.files[i]) : load_rgba8(&c.files[i]),
                        c.files[i].width, c.files[i].height, depth};
            if (!im.rgba) continue;
            measure(&opt, "libspng", "png-encode", &c.files[i], -1, 0, encode, &im, NULL);
            free((void *)im.rgba);
        }
    return 0;
}
