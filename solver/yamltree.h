/*
** yamltree.h: a YAML document as a small positioned tree.
**
** libyaml's event stream is turned into scalars, sequences and mappings, each
** carrying the file, line and column where it starts, so every later stage
** can point at the exact value it is unhappy with. Parsing is bounded:
** file size, nesting depth, scalar length and node count all have caps, and
** aliases share the anchored node instead of copying it (a "billion laughs"
** document costs as much memory as its text). Nodes live in the caller's
** arena. Duplicate mapping keys are reported here, once, for every stage.
*/
#ifndef ROSTER_YAMLTREE_H
#define ROSTER_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

#define YT_MAX_FILE_BYTES ((size_t)64 << 20) /* 64 MiB per input file */
#define YT_MAX_DEPTH 32
#define YT_MAX_SCALAR 4096
#define YT_MAX_NODES 20000000
#define YT_MAX_ALIASES 10000
#define YT_MAX_KEYS 10000 /* per mapping; keeps the duplicate-key check cheap */

typedef enum { YT_SCALAR, YT_SEQUENCE, YT_MAPPING } yt_kind;

typedef struct yt_node yt_node;

typedef struct {
    yt_node *key;   /* always a scalar */
    yt_node *value;
} yt_pair;

struct yt_node {
    yt_kind kind;
    diag_pos pos;
    /* YT_SCALAR */
    const char *str; /* NUL-terminated; len excludes the NUL */
    size_t len;
    bool plain;      /* unquoted: "08:45" and 08:45 are both accepted as times */
    /* YT_SEQUENCE: items[0..count); YT_MAPPING: pairs[0..count) */
    yt_node **items;
    yt_pair *pairs;
    int count;
};

/* Parse one file. Returns the root mapping, or NULL with errors in d.
** An empty file or an empty document yields an empty mapping. The file
** name is copied into the arena and used in every position. */
yt_node *yt_parse_file(arena *a, const char *path, diag_list *d);
/* Parse a buffer (tests, fuzzing); name is used in positions. */
yt_node *yt_parse_buffer(arena *a, const char *name, const char *buf, size_t len, diag_list *d);

/* Value of key in a mapping, or NULL. */
yt_node *yt_get(const yt_node *map, const char *key);
const char *yt_kind_name(yt_kind k);

#endif
