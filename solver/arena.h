/*
** arena.h: one bump allocator per loaded programme.
**
** Everything the loader builds (YAML nodes, strings, model structs) lives in
** one arena and is freed at once with arena_free(). No individual frees, so
** no ownership questions inside a programme. Not thread-safe: one arena is
** owned by one thread at a time.
*/
#ifndef ROSTER_ARENA_H
#define ROSTER_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);

/* Zeroed memory aligned for any type; NULL only when the system is out of
** memory or the request exceeds the arena's hard cap. */
void *arena_alloc(arena *a, size_t size);
void *arena_array(arena *a, size_t count, size_t size);
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for the benchmark's memory accounting). */
size_t arena_used(const arena *a);

#endif
