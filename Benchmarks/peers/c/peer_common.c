#include "peer_common.h"

#include <dirent.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void release_free(void *p) { free(p); }

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

uint64_t digest(const void *data, size_t size) {
    /* FNV-1a over 8-byte words then the tail, as raster-bench's Digest. */
    const unsigned char *p = data;
    uint64_t h = 0xCBF29CE484222325ull;
    size_t words = size / 8, i;
    for (i = 0; i < words; i++) {
        uint64_t w;
        memcpy(&w, p + i * 8, 8);
        h = (h ^ w) * 0x100000001B3ull;
    }
    for (i = words * 8; i < size; i++) h = (h ^ p[i]) * 0x100000001B3ull;
    return h;
}

void peer_parse_args(int argc, char **argv, peer_options *opt) {
    opt->corpus_dir = "Fixtures/bench";
    opt->time_per_case = 1.0;
    opt->ops = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--corpus") && i + 1 < argc) opt->corpus_dir = argv[++i];
        else if (!strcmp(argv[i], "--time") && i + 1 < argc) opt->time_per_case = atof(argv[++i]);
        else if (!strcmp(argv[i], "--ops") && i + 1 < argc) opt->ops = argv[++i];
        else if (!strcmp(argv[i], "--json")) { /* always JSON */ }
        else { fprintf(stderr, "usage: %s [--corpus DIR] [--time S] [--ops a,b]\n", argv[0]); exit(2); }
    }
    if (opt->time_per_case <= 0) opt->time_per_case = 1.0;
}

int peer_wants(const peer_options *opt, const char *op) {
    if (!opt->ops) return 1;
    size_t n = strlen(op);
    const char *p = opt->ops;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && !strncmp(p, op, n)) return 1;
        if (!end) break;
        p = end + 1;
    }
    return 0;
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static size_t pass_bytes(long w, long h, int channels, int depth) {
    if (w <= 0 || h <= 0) return 0;
    return (size_t)h * (1 + ((size_t)w * channels * depth + 7) / 8);
}

static void parse_png(corpus_file *f) {
    size_t off = 8;
    while (off + 12 <= f->size) {
        uint32_t len = be32(f->bytes + off);
        const unsigned char *type = f->bytes + off + 4, *data = f->bytes + off + 8;
        if (off + 12 + (size_t)len > f->size) break;
        if (!memcmp(type, "IHDR", 4) && len >= 13) {
            f->width = (int)be32(data);
            f->height = (int)be32(data + 4);
            f->bit_depth = data[8];
            f->color_type = data[9];
            f->interlaced = data[12];
        } else if (!memcmp(type, "IDAT", 4)) {
            f->idat = realloc(f->idat, f->idat_size + len);
            memcpy(f->idat + f->idat_size, data, len);
            f->idat_size += len;
        } else if (!memcmp(type, "IEND", 4)) break;
        off += 12 + len;
    }
    int ch = f->color_type == 2 ? 3 : f->color_type == 4 ? 2 : f->color_type == 6 ? 4 : 1;
    if (!f->interlaced) {
        f->filtered_size = pass_bytes(f->width, f->height, ch, f->bit_depth);
    } else {
        static const int p[7][4] = {{0,0,8,8},{4,0,8,8},{0,4,4,8},{2,0,4,4},{0,2,2,4},{1,0,2,2},{0,1,1,2}};
        f->filtered_size = 0;
        for (int i = 0; i < 7; i++)
            f->filtered_size += pass_bytes((f->width - p[i][0] + p[i][2] - 1) / p[i][2],
                                           (f->height - p[i][1] + p[i][3] - 1) / p[i][3], ch, f->bit_depth);
    }
}

static void parse_jpeg(corpus_file *f) {
    size_t off = 2;
    while (off + 4 <= f->size && f->bytes[off] == 0xFF) {
        int m = f->bytes[off + 1];
        if (m == 0xFF) { off++; continue; }
        size_t len = (size_t)f->bytes[off + 2] << 8 | f->bytes[off + 3];
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC && off + 9 <= f->size) {
            f->height = f->bytes[off + 5] << 8 | f->bytes[off + 6];
            f->width = f->bytes[off + 7] << 8 | f->bytes[off + 8];
            return;
        }
        off += 2 + len;
    }
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const corpus_file *)a)->name, ((const corpus_file *)b)->name);
}

void corpus_load(const char *dir, corpus *c) {
    DIR *d = opendir(dir);
    if (!d) { fprintf(stderr, "cannot open corpus %s\n", dir); exit(1); }
    c->files = NULL;
    c->count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *dot = strrchr(e->d_name, '.');
        if (!dot || (strcasecmp(dot, ".png") && strcasecmp(dot, ".jpg") && strcasecmp(dot, ".jpeg"))) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *fp = fopen(path, "rb");
        if (!fp) continue;
        fseek(fp, 0, SEEK_END);
        long size = ftell(fp);
        fseek(fp, 0, SEEK_SET);
        corpus_file f;
        memset(&f, 0, sizeof f);
        snprintf(f.name, sizeof f.name, "%s", e->d_name);
        f.size = (size_t)size;
        f.bytes = malloc(f.size);
        if (fread(f.bytes, 1, f.size, fp) != f.size) { fclose(fp); free(f.bytes); continue; }
        fclose(fp);
        static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        if (f.size > 8 && !memcmp(f.bytes, sig, 8)) { f.is_png = 1; parse_png(&f); }
        else if (f.size > 4 && f.bytes[0] == 0xFF && f.bytes[1] == 0xD8) { f.is_jpeg = 1; parse_jpeg(&f); }
        else { free(f.bytes); continue; }
        if (f.width <= 0 || f.height <= 0) { free(f.bytes); continue; }
        c->files = realloc(c->files, sizeof(corpus_file) * (size_t)(c->count + 1));
        c->files[c->count++] = f;
    }
    closedir(d);
    qsort(c->files, (size_t)c->count, sizeof(corpus_file), by_name);
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Same policy as raster-bench: one warm-up run (two when fast), then runs until the time
 * budget is spent, at least five unless each is very slow, every output checked. */
int measure(const peer_options *opt, const char *peer, const char *op, const corpus_file *f,
            long input_bytes, size_t expected_size, run_fn fn, void *ctx, const char *extra) {
    run_output out = {0};
    double t0 = now_s();
    if (fn(ctx, &out) != 0) { fprintf(stderr, "%s %s %s: failed\n", peer, op, f->name); return -1; }
    double first = now_s() - t0;
    size_t ref_size = out.size;
    uint64_t ref = digest(out.data, out.size);
    if (out.release) out.release(out.data);
    if (expected_size && ref_size != expected_size) {
        fprintf(stderr, "%s %s %s: output %zu bytes, expected %zu\n", peer, op, f->name, ref_size, expected_size);
        return -1;
    }
    double budget = opt->time_per_case;
    int warm = first < budget / 10 ? 1 : 0;
    size_t cap = 5000, n = 0;
    double *times = malloc(sizeof(double) * cap);
    double start = now_s();
    for (;;) {
        double wall = now_s() - start;
        int more = n == 0 || (n < 5 && wall < 3 * budget) || (wall < budget && n < cap);
        if (!more) break;
        run_output o = {0};
        double a = now_s();
        int rc = fn(ctx, &o);
        double t = now_s() - a;
        if (rc != 0 || o.size != ref_size || digest(o.data, o.size) != ref) {
            fprintf(stderr, "%s %s %s: output changed between runs\n", peer, op, f->name);
            if (o.release) o.release(o.data);
            free(times);
            return -1;
        }
        if (o.release) o.release(o.data);
        if (warm) { warm = 0; continue; }
        times[n++] = t;
    }
    qsort(times, n, sizeof(double), cmp_double);
    double median = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    free(times);
    long pixels = (long)f->width * f->height;
    long bytes = input_bytes >= 0 ? input_bytes : (long)ref_size;
    printf("{\"op\":\"%s\",\"file\":\"%s\",\"pixels\":%ld,\"bytes\":%ld,\"median_s\":%.9f,\"mpix_s\":%.3f,\"peer\":\"%s\"%s}\n",
           op, f->name, pixels, bytes, median, (double)pixels / 1e6 / median, peer, extra ? extra : "");
    fflush(stdout);
    return 0;
}

typedef struct { const unsigned char *p; size_t left; } mem_reader;

static void read_mem(png_structp png, png_bytep out, png_size_t n) {
    mem_reader *r = png_get_io_ptr(png);
    if (n > r->left) png_error(png, "truncated");
    memcpy(out, r->p, n);
    r->p += n;
    r->left -= n;
}

static unsigned char *load_png(const corpus_file *f, int sixteen);

unsigned char *load_rgba8(const corpus_file *f) { return load_png(f, 0); }

unsigned char *load_rgba16be(const corpus_file *f) { return f->bit_depth == 16 ? load_png(f, 1) : NULL; }

static unsigned char *load_png(const corpus_file *f, int sixteen) {
    if (!f->is_png) return NULL;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    unsigned char *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        free(pixels);
        free(rows);
        return NULL;
    }
    mem_reader r = {f->bytes, f->size};
    png_set_read_fn(png, &r, read_mem);
    png_read_info(png, info);
    png_set_expand(png);
    if (!sixteen) png_set_scale_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, sixteen ? 0xFFFF : 0xFF, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t w = png_get_image_width(png, info), h = png_get_image_height(png, info), bpp = sixteen ? 8 : 4;
    pixels = malloc(w * h * bpp);
    rows = malloc(sizeof(png_bytep) * h);
    for (size_t y = 0; y < h; y++) rows[y] = pixels + y * w * bpp;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    return pixels;
}

int has_alpha(const unsigned char *rgba, size_t pixels) {
    for (size_t i = 0; i < pixels; i++) if (rgba[i * 4 + 3] != 255) return 1;
    return 0;
}

void fill_destination(unsigned char *rgba, int width, int height) {
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            unsigned char *p = rgba + ((size_t)y * width + x) * 4;
            p[0] = (unsigned char)x;
            p[1] = (unsigned char)y;
            p[2] = (unsigned char)(x + y);
            p[3] = 255;
        }
}

int composite_error(const unsigned char *src, const unsigned char *result, int width, int height) {
    unsigned char *dst = malloc((size_t)width * height * 4);
    fill_destination(dst, width, height);
    int worst = 0;
    for (size_t i = 0; i < (size_t)width * height; i++) {
        unsigned a = src[i * 4 + 3];
        for (int c = 0; c < 4; c++) {
            unsigned s = c == 3 ? 255 : src[i * 4 + c], d = dst[i * 4 + c];
            unsigned exact = c == 3 ? 255 : (a * s + (255 - a) * d + 127) / 255;
            int e = abs((int)exact - (int)result[i * 4 + c]);
            if (e > worst) worst = e;
        }
    }
    free(dst);
    return worst;
}

int png_peer_main(int argc, char **argv, const char *peer, run_fn decode, run_fn encode, int encodes16) {
    peer_options opt;
    corpus c;
    peer_start(argc, argv, &opt, &c);
    if (peer_wants(&opt, "png-decode"))
        for (int i = 0; i < c.count; i++)
            if (c.files[i].is_png)
                measure(&opt, peer, "png-decode", &c.files[i], (long)c.files[i].size,
                        (size_t)c.files[i].width * c.files[i].height * 4, decode, &c.files[i], NULL);
    if (peer_wants(&opt, "png-encode"))
        for (int i = 0; i < c.count; i++) {
            if (!c.files[i].is_png) continue;
            int depth = c.files[i].bit_depth == 16 ? 16 : 8;
            if (depth == 16 && !encodes16) continue;
            peer_image im = {depth == 16 ? load_rgba16be(&c.files[i]) : load_rgba8(&c.files[i]),
                             c.files[i].width, c.files[i].height, depth};
            if (!im.rgba) continue;
            measure(&opt, peer, "png-encode", &c.files[i], -1, 0, encode, &im, NULL);
            free((void *)im.rgba);
        }
    return 0;
}

void peer_start(int argc, char **argv, peer_options *opt, corpus *c) {
    peer_parse_args(argc, argv, opt);
    corpus_load(opt->corpus_dir, c);
}
