/* zlib: inflate (uncompress into a buffer of the known filtered size, allocated per call)
 * and deflate (compress2 at level 6 of the raw RGBA8 bytes; level 1 and 9 sizes noted). */
#include "peer_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

static int inflate_run(void *ctx, run_output *out) {
    const corpus_file *f = ctx;
    uLongf len = f->filtered_size;
    unsigned char *dst = malloc(len ? len : 1);
    if (uncompress(dst, &len, f->idat, f->idat_size) != Z_OK) { free(dst); return -1; }
    return deliver(out, dst, len, release_free);
}

typedef struct { const unsigned char *raw; size_t size; int level; } job;

static int deflate_run(void *ctx, run_output *out) {
    const job *j = ctx;
    uLongf len = compressBound(j->size);
    unsigned char *dst = malloc(len);
    if (compress2(dst, &len, j->raw, j->size, j->level) != Z_OK) { free(dst); return -1; }
    return deliver(out, dst, len, release_free);
}

int main(int argc, char **argv) {
    peer_options opt;
    corpus c;
    peer_start(argc, argv, &opt, &c);
    if (peer_wants(&opt, "inflate"))
        for (int i = 0; i < c.count; i++)
            if (c.files[i].is_png)
                measure(&opt, "zlib", "inflate", &c.files[i], (long)c.files[i].idat_size,
                        c.files[i].filtered_size, inflate_run, &c.files[i], NULL);
    if (peer_wants(&opt, "deflate"))
        for (int i = 0; i < c.count; i++) {
            corpus_file *f = &c.files[i];
            if (!f->is_png) continue;
            unsigned char *rgba = load_rgba8(f);
            if (!rgba) continue;
            job j = {rgba, (size_t)f->width * f->height * 4, 1};
            run_output o1 = {0}, o9 = {0};
            char extra[96] = "";
            if (deflate_run(&j, &o1) == 0 && (j.level = 9, deflate_run(&j, &o9) == 0))
                snprintf(extra, sizeof extra, ",\"bytes_l1\":%zu,\"bytes_l9\":%zu", o1.size, o9.size);
            free(o1.data);
            free(o9.data);
            j.level = 6;
            measure(&opt, "zlib", "deflate", f, -1, 0, deflate_run, &j, extra);
            free(rgba);
        }
    /* deflate-1 and deflate-9: the same at levels 1 and 9, timed. */
    for (int level = 1; level <= 9; level += 8) {
        const char *op = level == 1 ? "deflate-1" : "deflate-9";
        if (!peer_wants(&opt, op)) continue;
        for (int i = 0; i < c.count; i++) {
            corpus_file *f = &c.files[i];
            if (!f->is_png) continue;
            unsigned char *rgba = load_rgba8(f);
            if (!rgba) continue;
            job j = {rgba, (size_t)f->width * f->height * 4, level};
            measure(&opt, "zlib", op, f, -1, 0, deflate_run, &j, NULL);
            free(rgba);
        }
    }
    return 0;
}
