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
    return deliver(out, pixels, size, release_free);
fail:
    free(pixels);
    spng_ctx_free(s);
    return -1;
}


static int encode(void *ctx, run_output *out) {
    const peer_image *im = ctx;
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
    return deliver(out, png, png_len, release_free);
}

int main(int argc, char **argv) { return png_peer_main(argc, argv, "libspng", decode, encode, 1); }
