/* libdeflate: inflate (libdeflate_zlib_decompress into a buffer allocated per call) and
 * deflate (libdeflate_zlib_compress at level 6; level 1 and 9 sizes noted). As its API
 * intends, the (de)compressor object is made once and reused; output buffers are per call. */
#include "peer_common.h"

#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { const corpus_file *f; struct libdeflate_decompressor *d; } inflate_job;

static int inflate_run(void *ctx, run_output *out) {
    const inflate_job *j = ctx;
    size_t actual = 0;
    unsigned char *dst = malloc(j->f->filtered_size ? j->f->filtered_size : 1);
    if (libdeflate_zlib_decompress(j->d, j->f->idat, j->f->idat_size, dst, j->f->filtered_size, &actual) != LIBDEFLATE_SUCCESS) {
        free(dst);
        return -1;
    }
    return deliver(out, dst, actual, release_free);
}

typedef struct { const unsigned char *raw; size_t size; struct libdeflate_compressor *c; } deflate_job;

static int deflate_run(void *ctx, run_output *out) {
    const deflate_job *j = ctx;
    size_t bound = libdeflate_zlib_compress_bound(j->c, j->size);
    unsigned char *dst = malloc(bound);
    size_t n = libdeflate_zlib_compress(j->c, j->raw, j->size, dst, bound);
    if (!n) { free(dst); return -1; }
    return deliver(out, dst, n, release_free);
}

static size_t size_at(const unsigned char *raw, size_t size, int level) {
    deflate_job j = {raw, size, libdeflate_alloc_compressor(level)};
    run_output o = {0};
    size_t n = deflate_run(&j, &o) == 0 ? o.size : 0;
    free(o.data);
    libdeflate_free_compressor(j.c);
    return n;
}

int main(int argc, char **argv) {
    peer_options opt;
    corpus c;
    peer_start(argc, argv, &opt, &c);
    if (peer_wants(&opt, "inflate")) {
        struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
        for (int i = 0; i < c.count; i++)
            if (c.files[i].is_png) {
                inflate_job j = {&c.files[i], d};
                measure(&opt, "libdeflate", "inflate", &c.files[i], (long)c.files[i].idat_size,
                        c.files[i].filtered_size, inflate_run, &j, NULL);
            }
        libdeflate_free_decompressor(d);
    }
    if (peer_wants(&opt, "deflate")) {
        struct libdeflate_compressor *comp = libdeflate_alloc_compressor(6);
        for (int i = 0; i < c.count; i++) {
            corpus_file *f = &c.files[i];
            if (!f->is_png) continue;
            unsigned char *rgba = load_rgba8(f);
            if (!rgba) continue;
            size_t size = (size_t)f->width * f->height * 4;
            char extra[96];
            snprintf(extra, sizeof extra, ",\"bytes_l1\":%zu,\"bytes_l9\":%zu", size_at(rgba, size, 1), size_at(rgba, size, 9));
            deflate_job j = {rgba, size, comp};
            measure(&opt, "libdeflate", "deflate", f, -1, 0, deflate_run, &j, extra);
            free(rgba);
        }
        libdeflate_free_compressor(comp);
    }
    /* deflate-1 and deflate-9: the same at levels 1 and 9, timed. */
    for (int level = 1; level <= 9; level += 8) {
        const char *op = level == 1 ? "deflate-1" : "deflate-9";
        if (!peer_wants(&opt, op)) continue;
        struct libdeflate_compressor *comp = libdeflate_alloc_compressor(level);
        for (int i = 0; i < c.count; i++) {
            corpus_file *f = &c.files[i];
            if (!f->is_png) continue;
            unsigned char *rgba = load_rgba8(f);
            if (!rgba) continue;
            deflate_job j = {rgba, (size_t)f->width * f->height * 4, comp};
            measure(&opt, "libdeflate", op, f, -1, 0, deflate_run, &j, NULL);
            free(rgba);
        }
        libdeflate_free_compressor(comp);
    }
    return 0;
}
