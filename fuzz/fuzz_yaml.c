/*
** fuzz_yaml.c: libFuzzer harness for the YAML tree alone (yt_parse_buffer).
**
** Cheaper per input than fuzz_load, so it reaches deeper into the tree
** builder's own limits (depth, aliases, keys, scalars) in the same time.
** Every distinct node of a returned tree is checked: positioned, scalars
** NUL-terminated and within the length cap, mapping keys unique scalars, no
** alias cycle, and no path (aliases expanded) deeper than YT_MAX_DEPTH.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "yamltree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aliases make the tree a DAG: each distinct node is checked once, its
** height (collection levels below it, aliases expanded) memoised, so the
** check is linear even for an alias bomb. A node met again while it is
** still being walked is a cycle. */
typedef struct {
    const yt_node **node;
    int *height; /* -1 while the node is on the current path */
    size_t cap;
} fuzz_seen;

static size_t fuzz_slot(const fuzz_seen *s, const yt_node *n) {
    size_t i = ((size_t)(uintptr_t)n >> 4) * 0x9e3779b97f4a7c15u & (s->cap - 1);
    while (s->node[i] && s->node[i] != n) i = (i + 1) & (s->cap - 1);
    return i;
}

static int fuzz_height(fuzz_seen *s, const yt_node *n, long *distinct);

static void fuzz_edge(fuzz_seen *s, const yt_node *child, int depth, int *height, long *distinct) {
    int h = fuzz_height(s, child, distinct);
    /* A collection `depth` levels down with h more below it. */
    if (h > 0 && depth + h - 1 > YT_MAX_DEPTH) abort();
    if (h + 1 > *height) *height = h + 1;
}

static int fuzz_height(fuzz_seen *s, const yt_node *n, long *distinct) {
    if (!n || !n->pos.file || n->pos.line < 1 || n->pos.col < 1) abort();
    size_t i = fuzz_slot(s, n);
    if (s->node[i]) {
        if (s->height[i] < 0) abort(); /* cycle */
        return s->height[i];
    }
    if (++*distinct > YT_MAX_NODES || 2 * (size_t)*distinct > s->cap) abort();
    s->node[i] = n;
    s->height[i] = -1;
    int height = 0;
    switch (n->kind) {
    case YT_SCALAR:
        if (!n->str || strlen(n->str) != n->len || n->len > YT_MAX_SCALAR) abort();
        break;
    case YT_SEQUENCE:
        height = 1;
        for (int k = 0; k < n->count; k++) fuzz_edge(s, n->items[k], 2, &height, distinct);
        break;
    case YT_MAPPING:
        height = 1;
        if (n->count > YT_MAX_KEYS) abort();
        for (int k = 0; k < n->count; k++) {
            const yt_node *key = n->pairs[k].key;
            if (!key || key->kind != YT_SCALAR) abort();
            for (int j = 0; j < k; j++) /* keys are unique (small inputs: quadratic is fine) */
                if (n->pairs[j].key->len == key->len && memcmp(n->pairs[j].key->str, key->str, key->len) == 0)
                    abort();
            fuzz_edge(s, key, 2, &height, distinct);
            fuzz_edge(s, n->pairs[k].value, 2, &height, distinct);
        }
        break;
    }
    s->height[fuzz_slot(s, n)] = height;
    return height;
}

/* The root is at depth 1: the whole expanded tree must fit YT_MAX_DEPTH. */
static void fuzz_check_tree(const yt_node *root, size_t input_size) {
    fuzz_seen s;
    s.cap = 64;
    while (s.cap < 8 * input_size + 64) s.cap *= 2; /* a node costs at least a byte or so of text */
    s.node = calloc(s.cap, sizeof *s.node);
    s.height = calloc(s.cap, sizeof *s.height);
    if (!s.node || !s.height) abort();
    long distinct = 0;
    int h = fuzz_height(&s, root, &distinct);
    if (h > YT_MAX_DEPTH) abort();
    free(s.node);
    free(s.height);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > (size_t)1 << 20) return -1;
    char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    arena *a = arena_new();
    diag_list d;
    diag_init(&d);
    yt_node *root = a ? yt_parse_buffer(a, "fuzz.yaml", copy, size, &d) : NULL;
    if (root) {
        if (diag_count(&d) != 0 || root->kind != YT_MAPPING) abort();
        fuzz_check_tree(root, size);
    } else if (a && diag_count(&d) == 0) {
        abort(); /* a refusal always says why */
    }
    diag_clear(&d);
    arena_free(a);
    free(copy);
    return 0;
}
