/*
** fuzz_yaml.c: libFuzzer harness for the YAML tree alone (yt_parse_buffer).
**
** Cheaper per input than fuzz_load, so it reaches deeper into the tree
** builder's own limits (depth, aliases, keys, scalars) in the same time.
** Every node of a returned tree is walked, aliases included, to prove the
** tree is well formed and that walking it stays within the caps.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "yamltree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Counts the nodes a naive consumer visits, aliases expanded. */
static long fuzz_walk(const yt_node *n, int depth) {
    if (!n || depth > YT_MAX_DEPTH + 1) abort();
    if (!n->pos.file || n->pos.line < 1 || n->pos.col < 1) abort();
    long seen = 1;
    switch (n->kind) {
    case YT_SCALAR:
        if (!n->str || strlen(n->str) != n->len || n->len > YT_MAX_SCALAR) abort();
        break;
    case YT_SEQUENCE:
        for (int i = 0; i < n->count; i++) seen += fuzz_walk(n->items[i], depth + 1);
        break;
    case YT_MAPPING:
        if (n->count > YT_MAX_KEYS) abort();
        for (int i = 0; i < n->count; i++) {
            if (!n->pairs[i].key || n->pairs[i].key->kind != YT_SCALAR) abort();
            seen += fuzz_walk(n->pairs[i].key, depth + 1);
            seen += fuzz_walk(n->pairs[i].value, depth + 1);
        }
        break;
    }
    if (seen > YT_MAX_NODES) abort();
    return seen;
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
        fuzz_walk(root, 1);
    } else if (a && diag_count(&d) == 0) {
        abort(); /* a refusal always says why */
    }
    diag_clear(&d);
    arena_free(a);
    free(copy);
    return 0;
}
