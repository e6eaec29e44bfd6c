#include "resize_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *const resize_filter_names[FILTER_COUNT] = {"lanczos3", "triangle", "catmull-rom"};

/* n * num / den rounded to nearest, halves up (all values positive), at least 1. */
static int scaled(long n, long num, long den) {
    long v = (2 * n * num + den) / (2 * den);
    return v < 1 ? 1 : (int)v;
}

void resize_target(int w, int h, int half, int *tw, int *th) {
    if (half) { /* w / 2 x h / 2, at least 1, as raster-bench's ResizeOps */
        *tw = w / 2 > 1 ? w / 2 : 1;
        *th = h / 2 > 1 ? h / 2 : 1;
    } else {
        *tw = 256;
        *th = scaled(h, 256, w);
    }
}

static void write_file(const char *dir, const char *name, const void *data, size_t size) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(data, 1, size, fp) != size) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    fclose(fp);
}

/* Runs one case once and records it in the dump folder instead of timing it. */
static void dump_case(const char *dir, FILE *manifest, const char *peer, const char *file, const char *label,
                      run_fn fn, void *ctx, const char *ext, const char *fields) {
    run_output out = {0};
    if (fn(ctx, &out) != 0) {
        fprintf(stderr, "%s %s@%s: failed\n", peer, file, label);
        return;
    }
    char name[600];
    snprintf(name, sizeof name, "%s@%s.%s", file, label, ext);
    write_file(dir, name, out.data, out.size);
    if (out.release) out.release(out.data);
    fprintf(manifest, "{\"peer\":\"%s\",\"file\":\"%s\",\"case\":\"%s\",\"output\":\"%s\"%s}\n", peer, file, label,
            name, fields);
}

int resize_peer_main(int argc, char **argv, const resize_peer *peer) {
    /* Takes --dump DIR out of the arguments; the rest are the harness's. */
    const char *dump = NULL;
    char **args = malloc(sizeof(char *) * (size_t)(argc + 1));
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--dump") && i + 1 < argc) dump = argv[++i];
        else args[n++] = argv[i];
    }
    args[n] = NULL;
    peer_options opt;
    corpus c;
    peer_start(n, args, &opt, &c);
    FILE *manifest = NULL;
    if (dump) {
        mkdir(dump, 0755);
        char path[4096];
        snprintf(path, sizeof path, "%s/manifest.jsonl", dump);
        manifest = fopen(path, "a");
        if (!manifest) { fprintf(stderr, "cannot write %s\n", path); return 1; }
    }

    if (peer_wants(&opt, "resize"))
        for (int i = 0; i < c.count; i++) {
            corpus_file *f = &c.files[i];
            if (!f->is_png) continue;
            unsigned char *rgba = load_rgba8(f);
            if (!rgba) continue;
            resize_job job = {rgba, f->width, f->height, has_alpha(rgba, (size_t)f->width * f->height), 0, 0, 0};
            if (dump) {
                char name[600];
                snprintf(name, sizeof name, "%s.input.rgba", f->name);
                write_file(dump, name, rgba, (size_t)f->width * f->height * 4);
            }
            for (int half = 0; half < 2; half++)
                for (int k = 0; k < FILTER_COUNT; k++) {
                    if (peer->has_filter && !peer->has_filter(k)) continue;
                    resize_target(f->width, f->height, half, &job.tw, &job.th);
                    job.filter = k;
                    char label[64];
                    snprintf(label, sizeof label, "%s-%s", half ? "half" : "w256", resize_filter_names[k]);
                    const char *note = peer->note ? peer->note(&job) : NULL;
                    if (dump) {
                        char fields[1200];
                        snprintf(fields, sizeof fields,
                                 ",\"input\":\"%s.input.rgba\",\"w\":%d,\"h\":%d,\"tw\":%d,\"th\":%d,\"filter\":\"%s\"",
                                 f->name, f->width, f->height, job.tw, job.th, resize_filter_names[k]);
                        dump_case(dump, manifest, peer->name, f->name, label, peer->resize, &job, "rgba", fields);
                        continue;
                    }
                    corpus_file named = *f;
                    snprintf(named.name, sizeof named.name, "%.190s@%s", f->name, label); /* names are short */
                    char extra[600] = "";
                    if (note) snprintf(extra, sizeof extra, ",\"note\":\"%s\"", note);
                    measure(&opt, peer->name, "resize", &named, -1, (size_t)job.tw * job.th * 4,
                            peer->resize, &job, extra);
                }
            free(rgba);
        }

    if (peer->thumbnail && peer_wants(&opt, "thumbnail"))
        for (int i = 0; i < c.count; i++) {
            corpus_file *f = &c.files[i];
            if (dump) {
                char fields[600];
                snprintf(fields, sizeof fields, ",\"source\":\"%s/%s\"", opt.corpus_dir, f->name);
                dump_case(dump, manifest, peer->name, f->name, "thumb", peer->thumbnail, f, "jpg", fields);
                continue;
            }
            measure(&opt, peer->name, "thumbnail", f, -1, 0, peer->thumbnail, f, NULL);
        }
    if (manifest) fclose(manifest);
    free(args);
    return 0;
}
