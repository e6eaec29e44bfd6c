/* Shared harness for the resize and thumbnail peers written in C (libvips, stb_image_resize).
 * The cases follow CONTRACT.md's raster-bench `resize` and `thumbnail`: every PNG of the
 * corpus, decoded to straight RGBA8 with libpng (set-up, not timed), resized to width 256
 * (aspect kept) and to half size with lanczos3, triangle and catmull-rom; `file` is
 * `NAME@w256-lanczos3`, `NAME@half-triangle`...; `pixels` are the source's, `bytes` the output's
 * size (as raster-bench). Thumbnail:
 * the file's bytes to a JPEG (quality 85) fitted inside 256x256, the whole request timed.
 *
 * `--dump DIR` runs every case once instead of timing it and writes, for the accuracy
 * script (Benchmarks/resize-accuracy.py), the input and output rasters (raw straight RGBA8)
 * and the thumbnail bytes, listed in DIR/manifest.jsonl. */
#ifndef RESIZE_COMMON_H
#define RESIZE_COMMON_H

#include "../c/peer_common.h"

enum { FILTER_LANCZOS3, FILTER_TRIANGLE, FILTER_CATMULL_ROM, FILTER_COUNT };
extern const char *const resize_filter_names[FILTER_COUNT];

/* One resize case: a source raster, a target size and a filter. */
typedef struct {
    const unsigned char *rgba; /* straight RGBA8, w*h*4 bytes */
    int w, h;
    int alpha;                 /* 1 when some pixel's alpha is not 255 */
    int tw, th;
    int filter;
} resize_job;

typedef struct {
    const char *name;          /* the "peer" field */
    run_fn resize;             /* ctx: resize_job; delivers tw*th*4 straight RGBA8 bytes */
    run_fn thumbnail;          /* ctx: corpus_file; delivers JPEG bytes; NULL if not measured */
    /* Whether the peer has the filter (NULL: all). */
    int (*has_filter)(int filter);
    /* A label for unequal work, put in the line as "note", or NULL. */
    const char *(*note)(const resize_job *job);
} resize_peer;

/* The whole main() of a C resize peer. */
int resize_peer_main(int argc, char **argv, const resize_peer *peer);

/* Width 256 with the height rounded to nearest (at least 1), and half size (w / 2 x h / 2,
 * at least 1): the sizes raster-bench's resize cases use. */
void resize_target(int w, int h, int half, int *tw, int *th);

#endif
