/*
** arena.c: chunked bump allocator (see arena.h).
**
** Chunks grow geometrically so a 10,000-pupil programme costs a few dozen
** mallocs. A hard cap bounds memory on hostile input: the loader turns a
** NULL from here into an "input too large" error instead of thrashing.
*/
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_MIN_CHUNK ((size_t)64 * 1024)
#define ARENA_MAX_CHUNK ((size_t)16 * 1024 * 1024)
#define ARENA_HARD_CAP ((size_t)2 << 30) /* 2 GiB */
#define ARENA_ALIGN 16u

typedef struct chunk {
    struct chunk *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char data[];
} chunk;

struct arena {
    chunk *head;
    size_t total;     /* bytes in all chunks */
    size_t handed;    /* bytes given to callers */
};

arena *arena_new(void) { return calloc(1, sizeof(arena)); }

void arena_free(arena *a) {
    if (!a) return;
    chunk *c = a->head;
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

static chunk *arena_grow(arena *a, size_t need) {
    size_t size = a->head ? a->head->size * 2 : ARENA_MIN_CHUNK;
    if (size > ARENA_MAX_CHUNK) size = ARENA_MAX_CHUNK;
    if (size < need) size = need;
    if (a->total + size > ARENA_HARD_CAP) return NULL;
    chunk *c = malloc(sizeof(chunk) + size);
    if (!c) return NULL;
    c->next = a->head;
    c->size = size;
    c->used = 0;
    a->head = c;
    a->total += size;
    return c;
}

void *arena_alloc(arena *a, size_t size) {
    if (size == 0) size = 1;
    if (size > ARENA_HARD_CAP) return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        c = arena_grow(a, size);
        if (!c) return NULL;
    }
    void *p = c->data + c->used;
    c->used += size;
    a->handed += size;
    memset(p, 0, size);
    return p;
}

void *arena_array(arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) return NULL;
    return arena_alloc(a, count * size);
}

char *arena_strndup(arena *a, const char *s, size_t len) {
    char *p = arena_alloc(a, len + 1);
    if (!p) return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_used(const arena *a) { return a->handed; }
