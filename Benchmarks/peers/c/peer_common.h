/* Shared harness for the C peers: corpus loading, PNG chunk parsing, timing, checked
 * outputs and the JSON lines raster-bench prints (plus a "peer" field). Each peer_*.c
 * file measures one library; definitions follow the Benchmark section of CONTRACT.md. */
#ifndef PEER_COMMON_H
#define PEER_COMMON_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    char name[256];
    unsigned char *bytes;
    size_t size;
    int is_png, is_jpeg;
    int width, height;
    /* PNG only */
    int bit_depth, color_type, interlaced;
    unsigned char *idat;   /* IDAT data concatenated: one zlib stream */
    size_t idat_size;
    size_t filtered_size;  /* size of the filtered scanlines the stream inflates to */
} corpus_file;

typedef struct {
    corpus_file *files;
    int count;
} corpus;

/* The output of one run: a malloc'd (or library-allocated) buffer and its size. The
 * harness digests it after the clock stops and then calls `release` on it. */
typedef struct {
    void *data;
    size_t size;
    void (*release)(void *);
} run_output;

typedef int (*run_fn)(void *ctx, run_output *out);

/* Hands a run's result to the harness; returns 0 so a run can end with `return deliver(...)`. */
static inline int deliver(run_output *out, void *data, size_t size, void (*release)(void *)) {
    out->data = data;
    out->size = size;
    out->release = release;
    return 0;
}

typedef struct {
    const char *corpus_dir;
    double time_per_case;
    const char *ops; /* comma list, or NULL for all */
} peer_options;

void peer_parse_args(int argc, char **argv, peer_options *opt);
/* Every peer's first step: parse the arguments, then load the corpus they name. */
void peer_start(int argc, char **argv, peer_options *opt, corpus *c);
int peer_wants(const peer_options *opt, const char *op);
void corpus_load(const char *dir, corpus *c);

/* Measures `fn` and prints one JSON line. `input_bytes` < 0 means the compressed side is
 * the output (encode, deflate). `expected_size` 0 means unknown. `extra` is appended
 * verbatim inside the object (e.g. ",\"bytes_l1\":123") or NULL. Returns 0, or -1 when
 * the operation failed or its output was wrong (a line goes to stderr, none to stdout). */
int measure(const peer_options *opt, const char *peer, const char *op, const corpus_file *f,
            long input_bytes, size_t expected_size, run_fn fn, void *ctx, const char *extra);

/* The file's pixels as straight RGBA8, decoded with libpng (setup only, never timed).
 * 16-bit samples are scaled with rounding. Returns a malloc'd buffer or NULL. */
unsigned char *load_rgba8(const corpus_file *f);
/* For 16-bit files: RGBA with 16-bit big-endian samples (PNG's own order), via libpng. */
unsigned char *load_rgba16be(const corpus_file *f);
int has_alpha(const unsigned char *rgba, size_t pixels);
/* The opaque destination every implementation composites onto: (x, y, x+y, 255) mod 256. */
void fill_destination(unsigned char *rgba, int width, int height);
/* Checks a src-over result against the exact formula; returns the largest channel error. */
int composite_error(const unsigned char *src, const unsigned char *result, int width, int height);

/* Straight RGBA pixels handed to a PNG encoder: 8-bit, or 16-bit big-endian for 16-bit files. */
typedef struct { const unsigned char *rgba; int w, h, depth; } peer_image;

/* The whole main() of a PNG library peer: png-decode of every PNG file with `decode`
 * (ctx: the corpus_file), png-encode with `encode` (ctx: a peer_image; 16-bit files are
 * given as 16-bit when `encodes16` is set, as Raster encodes its 16-bit raster, else skipped). */
int png_peer_main(int argc, char **argv, const char *peer, run_fn decode, run_fn encode, int encodes16);

uint64_t digest(const void *data, size_t size);
void release_free(void *p);

#endif
