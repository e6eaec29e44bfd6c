/* libjpeg-turbo through the TurboJPEG API: jpeg-decode to RGBA8 (accurate integer IDCT and
 * fancy upsampling, the library defaults), jpeg-decode-scaled (the same at DCT scale 1/2,
 * 1/4 and 1/8, as djpeg -scale) and jpeg-encode from RGBA8 at quality 90, 4:2:0,
 * baseline with the standard Huffman tables. Handles are made once; output per call. */
#include "peer_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <turbojpeg.h>

typedef struct { const corpus_file *f; tjhandle h; int denom; } decode_job;

static int decode(void *ctx, run_output *out) {
    const decode_job *j = ctx;
    int w, h, sub, cs;
    if (tjDecompressHeader3(j->h, j->f->bytes, j->f->size, &w, &h, &sub, &cs)) return -1;
    int d = j->denom > 0 ? j->denom : 1;
    tjscalingfactor sf = {1, d};
    int sw = TJSCALED(w, sf), sh = TJSCALED(h, sf);
    unsigned char *pixels = malloc((size_t)sw * sh * 4);
    if (tjDecompress2(j->h, j->f->bytes, j->f->size, pixels, sw, 0, sh, TJPF_RGBA, 0)) { free(pixels); return -1; }
    return deliver(out, pixels, (size_t)sw * sh * 4, release_free);
}

typedef struct { const unsigned char *rgba; int w, h; tjhandle t; } encode_job;

static void release_tj(void *p) { tjFree(p); }

static int encode(void *ctx, run_output *out) {
    const encode_job *j = ctx;
    unsigned char *jpeg = NULL;
    unsigned long size = 0;
    if (tjCompress2(j->t, j->rgba, j->w, 0, j->h, TJPF_RGBA, &jpeg, &size, TJSAMP_420, 90, 0)) { tjFree(jpeg); return -1; }
    return deliver(out, jpeg, size, release_tj);
}

int main(int argc, char **argv) {
    peer_options opt;
    corpus c;
    peer_start(argc, argv, &opt, &c);
    tjhandle dh = tjInitDecompress(), ch = tjInitCompress();
    if (peer_wants(&opt, "jpeg-decode"))
        for (int i = 0; i < c.count; i++)
            if (c.files[i].is_jpeg) {
                decode_job j = {&c.files[i], dh, 1};
                measure(&opt, "libjpeg-turbo", "jpeg-decode", &c.files[i], (long)c.files[i].size,
                        (size_t)c.files[i].width * c.files[i].height * 4, decode, &j, NULL);
            }
    if (peer_wants(&opt, "jpeg-decode-scaled"))
        for (int i = 0; i < c.count; i++)
            if (c.files[i].is_jpeg)
                for (int d = 2; d <= 8; d *= 2) {
                    /* The file is named NAME@1/N; pixels stay the source's (CONTRACT.md). */
                    corpus_file named = c.files[i];
                    snprintf(named.name, sizeof named.name, "%.240s@1/%d", c.files[i].name, d);
                    decode_job j = {&c.files[i], dh, d};
                    size_t sw = (size_t)(c.files[i].width + d - 1) / d, sh = (size_t)(c.files[i].height + d - 1) / d;
                    measure(&opt, "libjpeg-turbo", "jpeg-decode-scaled", &named, (long)c.files[i].size,
                            sw * sh * 4, decode, &j, NULL);
                }
    if (peer_wants(&opt, "jpeg-encode"))
        for (int i = 0; i < c.count; i++) {
            if (!c.files[i].is_jpeg) continue;
            decode_job d = {&c.files[i], dh, 1};
            run_output src = {0};
            if (decode(&d, &src)) continue;
            encode_job j = {src.data, c.files[i].width, c.files[i].height, ch};
            measure(&opt, "libjpeg-turbo", "jpeg-encode", &c.files[i], -1, 0, encode, &j, NULL);
            free(src.data);
        }
    tjDestroy(dh);
    tjDestroy(ch);
    return 0;
}
