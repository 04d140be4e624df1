/*
** model_index.h: the id and name hash tables behind model_find_* (internal).
**
** Shared by load.c, which fills the tables while validating, and model.c,
** which answers lookups. Not part of the model contract: other stages use
** the model_find_* functions in model.h.
*/
#ifndef ROSTER_MODEL_INDEX_H
#define ROSTER_MODEL_INDEX_H

#include <stdbool.h>

#include "arena.h"

/* Open addressing, linear probing; keys point into the arena. */
typedef struct {
    const char **keys;
    int *vals;
    unsigned cap;   /* a power of two, 0 before the first insert */
    unsigned n;
} model_table;

struct model_index {
    model_table pupils, advocates, teachers, places, sessions, courses, calendars, names;
};

/* Value stored for key, or -1. */
int model_table_get(const model_table *t, const char *key);
/* Insert key (which must be absent); false when out of memory. */
bool model_table_put(arena *a, model_table *t, const char *key, int val);

#endif
