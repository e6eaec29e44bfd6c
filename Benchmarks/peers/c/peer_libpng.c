/* libpng: png-decode (classic API, expanded to straight RGBA8) and png-encode (RGBA8, or
 * RGBA16 for 16-bit files; libpng's default filters and zlib level). */
#include "peer_common.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { unsigned char *data; size_t size, cap; } writer;

static void write_fn(png_structp png, png_bytep in, png_size_t n) {
    writer *w = png_get_io_ptr(png);
    if (w->size + n > w->cap) {
        while (w->size + n > w->cap) w->cap = w->cap ? w->cap * 2 : 65536;
        w->data = realloc(w->data, w->cap);
    }
    memcpy(w->data + w->size, in, n);
    w->size += n;
}

static void flush_fn(png_structp png) { (void)png; }

/* The timed decode is the harness's own libpng RGBA8 reader (expand, scale 16 -> 8,
 * gray to RGB, add alpha, interlace handling): one copy of that call sequence. */
static int decode(void *ctx, run_output *out) {
    const corpus_file *f = ctx;
    unsigned char *pixels = load_rgba8(f);
    if (!pixels) return -1;
    return deliver(out, pixels, (size_t)f->width * f->height * 4, release_free);
}

static int encode(void *ctx, run_output *out) {
    const peer_image *im = ctx;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    writer w = {0};
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(w.data);
        free(rows);
        return -1;
    }
    png_set_write_fn(png, &w, write_fn, flush_fn);
    png_set_IHDR(png, info, (png_uint_32)im->w, (png_uint_32)im->h, im->depth, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    rows = malloc(sizeof(png_bytep) * (size_t)im->h);
    size_t stride = (size_t)im->w * (im->depth / 2);
    for (int y = 0; y < im->h; y++) rows[y] = (png_bytep)(im->rgba + (size_t)y * stride);
    png_write_image(png, rows);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(rows);
    return deliver(out, w.data, w.size, release_free);
}

int main(int argc, char **argv) { return png_peer_main(argc, argv, "libpng", decode, encode, 1); }
