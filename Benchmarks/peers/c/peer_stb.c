/* stb_image / stb_image_write: png-decode and jpeg-decode to 4 channels, png-encode
 * (stb's default zlib level 8) and jpeg-encode at quality 90 (stb subsamples 4:2:0 at
 * quality <= 90, baseline, standard tables). */
#include "peer_common.h"

#include <stb_image.h>
#include <stb_image_write.h>
#include <stdlib.h>
#include <string.h>

/* Exported by libstb but declared only inside the implementation section of the header. */
extern unsigned char *stbi_write_png_to_mem(const unsigned char *pixels, int stride_bytes, int x, int y, int n, int *out_len);

static int decode(void *ctx, run_output *out) {
    const corpus_file *f = ctx;
    int w, h, n;
    unsigned char *pixels = stbi_load_from_memory(f->bytes, (int)f->size, &w, &h, &n, 4);
    if (!pixels) return -1;
    return deliver(out, pixels, (size_t)w * h * 4, stbi_image_free);
}

typedef struct { const unsigned char *rgba; int w, h; } image;

static int encode_png(void *ctx, run_output *out) {
    const image *im = ctx;
    int len = 0;
    unsigned char *png = stbi_write_png_to_mem(im->rgba, im->w * 4, im->w, im->h, 4, &len);
    if (!png) return -1;
    return deliver(out, png, (size_t)len, release_free);
}

typedef struct { unsigned char *data; size_t size, cap; } sink;

static void sink_write(void *ctx, void *data, int size) {
    sink *s = ctx;
    if (s->size + (size_t)size > s->cap) {
        while (s->size + (size_t)size > s->cap) s->cap = s->cap ? s->cap * 2 : 65536;
        s->data = realloc(s->data, s->cap);
    }
    memcpy(s->data + s->size, data, (size_t)size);
    s->size += (size_t)size;
}

static int encode_jpeg(void *ctx, run_output *out) {
    const image *im = ctx;
    sink s = {0};
    if (!stbi_write_jpg_to_func(sink_write, &s, im->w, im->h, 4, im->rgba, 90)) { free(s.data); return -1; }
    return deliver(out, s.data, s.size, release_free);
}

int main(int argc, char **argv) {
    peer_options opt;
    corpus c;
    peer_start(argc, argv, &opt, &c);
    const char *ops[4] = {"png-decode", "png-encode", "jpeg-decode", "jpeg-encode"};
    for (int k = 0; k < 4; k++) {
        if (!peer_wants(&opt, ops[k])) continue;
        int want_png = k < 2;
        for (int i = 0; i < c.count; i++) {
            corpus_file *f = &c.files[i];
            if (want_png ? !f->is_png : !f->is_jpeg) continue;
            size_t rgba_size = (size_t)f->width * f->height * 4;
            if (k == 0 || k == 2) {
                measure(&opt, "stb_image", ops[k], f, (long)f->size, rgba_size, decode, f, NULL);
                continue;
            }
            /* Encoders start from the file's pixels: libpng for PNGs, stb for JPEGs. */
            run_output src = {0};
            image im = {0};
            /* stb_image_write has no 16-bit PNG output: it cannot encode a 16-bit raster. */
            if (want_png && f->bit_depth == 16) continue;
            if (want_png) im.rgba = load_rgba8(f);
            else if (decode(f, &src) == 0) im.rgba = src.data;
            if (!im.rgba) continue;
            im.w = f->width;
            im.h = f->height;
            measure(&opt, "stb_image", ops[k], f, -1, 0, want_png ? encode_png : encode_jpeg, &im, NULL);
            free((void *)im.rgba);
        }
    }
    return 0;
}
