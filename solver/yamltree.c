/*
** yamltree.c: libyaml events to a bounded, positioned tree (see yamltree.h).
**
** A hand-rolled event loop rather than libyaml's document API because the
** document API expands nothing but also bounds nothing: we need caps on
** depth, node count and scalar size, and positions on every node.
*/
#include "yamltree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

/* How deep a consumer descends below a node, aliases expanded: collection
** levels, 0 for a scalar. The depth cap holds for the expanded tree as for
** a written one, so a consumer's recursion is bounded by YT_MAX_DEPTH.
** (How many nodes an expanded walk visits is bounded by the consumer: the
** loader budgets its schema walk by input size, see load.c.) */
typedef struct {
    int height;
} yt_cost;

typedef struct {
    const char *name;
    yt_node *node;
    yt_cost cost;
} yt_anchor;

/* A string -> int hash table (open addressing, power-of-two capacity).
** Used for a mapping's keys and the document's anchors so neither a
** 10,000-key mapping nor a million anchors costs quadratic time. */
typedef struct {
    const char *s;
    size_t len;
    size_t hash;    /* compared first, so probing rarely touches the string */
    int val;
} yt_slot;

typedef struct {
    yt_slot *slots; /* s == NULL marks an empty slot */
    size_t cap, n;
} yt_table;

typedef struct {
    arena *a;
    diag_list *d;
    const char *file;
    yaml_parser_t parser;
    long nodes;
    int aliases;
    yt_anchor *anchors;
    int n_anchors, cap_anchors;
    yt_table anchor_index; /* name -> latest index in anchors */
    const unsigned char *open_anchors[YT_MAX_DEPTH + 1]; /* of the collections being read */
    bool failed;
    const char *buf;   /* the whole input, to place reader errors */
    size_t len;
} yt_ctx;

/* Growable list used while a collection is open; copied into the arena
** when it closes so the tree holds exact-size arrays. */
typedef struct {
    yt_node **v;
    int n, cap;
} yt_vec;

static size_t yt_hash(const char *s, size_t len) {
    size_t h = 1469598103934665603u; /* FNV-1a, 64-bit */
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    /* FNV's low bits depend only on the bytes' low bits ("a17" and "a27"
    ** collide often); the table indexes by low bits, so fold the high in. */
    h ^= h >> 32;
    h *= 0x9e3779b97f4a7c15u;
    return h ^ (h >> 29);
}

static yt_slot *yt_table_slot(const yt_table *t, const char *s, size_t len, size_t hash) {
    size_t i = hash & (t->cap - 1);
    while (t->slots[i].s && (t->slots[i].hash != hash || t->slots[i].len != len ||
                             memcmp(t->slots[i].s, s, len) != 0))
        i = (i + 1) & (t->cap - 1);
    return &t->slots[i];
}

/* The value stored for s, or -1. */
static int yt_table_get(const yt_table *t, const char *s, size_t len) {
    if (t->n == 0) return -1;
    const yt_slot *slot = yt_table_slot(t, s, len, yt_hash(s, len));
    return slot->s ? slot->val : -1;
}

/* Stores s -> val, replacing an earlier value; s must outlive the table. */
static bool yt_table_put(yt_table *t, const char *s, size_t len, int val) {
    if (2 * (t->n + 1) > t->cap) {
        yt_table bigger = {calloc(t->cap ? 2 * t->cap : 16, sizeof(yt_slot)), t->cap ? 2 * t->cap : 16, 0};
        if (!bigger.slots) return false;
        for (size_t i = 0; i < t->cap; i++)
            if (t->slots[i].s)
                *yt_table_slot(&bigger, t->slots[i].s, t->slots[i].len, t->slots[i].hash) = t->slots[i];
        bigger.n = t->n;
        free(t->slots);
        *t = bigger;
    }
    size_t hash = yt_hash(s, len);
    yt_slot *slot = yt_table_slot(t, s, len, hash);
    if (!slot->s) t->n++;
    *slot = (yt_slot){s, len, hash, val};
    return true;
}

static diag_pos yt_pos(const yt_ctx *c, yaml_mark_t m) {
    diag_pos p = {c->file, (int)m.line + 1, (int)m.column + 1};
    return p;
}

static void yt_fail(yt_ctx *c, yaml_mark_t m, const char *msg) {
    if (!c->failed) diag_error(c->d, yt_pos(c, m), "%s", msg);
    c->failed = true;
}

static bool vec_push(yt_vec *v, yt_node *n) {
    if (v->n == v->cap) {
        int cap = v->cap ? v->cap * 2 : 8;
        yt_node **nv = realloc(v->v, (size_t)cap * sizeof(yt_node *));
        if (!nv) return false;
        v->v = nv;
        v->cap = cap;
    }
    v->v[v->n++] = n;
    return true;
}

static yt_node *yt_new(yt_ctx *c, yt_kind k, yaml_mark_t m) {
    if (++c->nodes > YT_MAX_NODES) {
        yt_fail(c, m, "the input has too many values (more than 20 million); split it or check it was generated correctly");
        return NULL;
    }
    yt_node *n = arena_alloc(c->a, sizeof *n);
    if (!n) {
        yt_fail(c, m, "out of memory while reading the input");
        return NULL;
    }
    n->kind = k;
    n->pos = yt_pos(c, m);
    return n;
}

/* Anchors are remembered when their node is complete: an alias inside the
** node it names (`&a [*a]`) then finds no anchor instead of making a cycle. */
static bool yt_remember_anchor(yt_ctx *c, const unsigned char *name, yt_node *n, yt_cost cost) {
    if (!name) return true;
    if (c->n_anchors == c->cap_anchors) {
        int cap = c->cap_anchors ? c->cap_anchors * 2 : 16;
        yt_anchor *na = realloc(c->anchors, (size_t)cap * sizeof *na);
        if (!na) return false;
        c->anchors = na;
        c->cap_anchors = cap;
    }
    const char *copy = arena_strdup(c->a, (const char *)name);
    if (!copy) return false;
    c->anchors[c->n_anchors] = (yt_anchor){copy, n, cost};
    /* Latest definition wins, as YAML requires for redefined anchors. */
    if (!yt_table_put(&c->anchor_index, copy, strlen(copy), c->n_anchors)) return false;
    c->n_anchors++;
    return true;
}

static const yt_anchor *yt_find_anchor(const yt_ctx *c, const unsigned char *name) {
    int i = yt_table_get(&c->anchor_index, (const char *)name, strlen((const char *)name));
    return i < 0 ? NULL : &c->anchors[i];
}

static void yt_report_parser_error(yt_ctx *c) {
    yaml_parser_t *p = &c->parser;
    yaml_mark_t m = p->problem_mark;
    const char *what = p->problem ? p->problem : "malformed YAML";
    char msg[512];
    if (p->error == YAML_READER_ERROR) {
        /* Reader errors (bad UTF-8, control characters) carry a byte offset,
        ** not a mark: count lines and characters up to it ourselves. */
        m.line = 0;
        m.column = 0;
        size_t end = p->problem_offset < c->len ? p->problem_offset : c->len;
        for (size_t i = 0; i < end; i++) {
            unsigned char ch = (unsigned char)c->buf[i];
            if (ch == '\n') {
                m.line++;
                m.column = 0;
            } else if ((ch & 0xC0) != 0x80) {
                m.column++; /* a character starts here */
            }
        }
        snprintf(msg, sizeof msg, "the file is not valid UTF-8 text (%s at byte %zu)", what,
                 (size_t)p->problem_offset);
    } else if (p->context) {
        snprintf(msg, sizeof msg, "YAML syntax error: %s %s", what, p->context);
    } else {
        snprintf(msg, sizeof msg, "YAML syntax error: %s", what);
    }
    yt_fail(c, m, msg);
}

static bool yt_next(yt_ctx *c, yaml_event_t *ev) {
    if (!yaml_parser_parse(&c->parser, ev)) {
        yt_report_parser_error(c);
        return false;
    }
    return true;
}

static yt_node *yt_node_from(yt_ctx *c, yaml_event_t *ev, int depth, yt_cost *cost);

/* False (and reported) when key repeats an earlier key of the same mapping. */
static bool yt_check_duplicate_key(yt_ctx *c, yt_table *seen, const yt_vec *keys, const yt_node *key,
                                   bool *oom) {
    int first = yt_table_get(seen, key->str, key->len);
    if (first >= 0) {
        diag_error(c->d, key->pos, "duplicate key '%s' (first given at line %d)", key->str,
                   keys->v[first]->pos.line);
        return false;
    }
    *oom = !yt_table_put(seen, key->str, key->len, keys->n);
    return true;
}

static void yt_add_cost(yt_cost *parent, yt_cost child) {
    if (child.height + 1 > parent->height) parent->height = child.height + 1;
}

/* Reads events until the collection opened by the caller closes. */
static yt_node *yt_collection(yt_ctx *c, yaml_event_t *start, int depth, yt_cost *cost) {
    bool is_map = start->type == YAML_MAPPING_START_EVENT;
    yt_node *n = yt_new(c, is_map ? YT_MAPPING : YT_SEQUENCE, start->start_mark);
    if (!n) return NULL;
    const unsigned char *anchor =
        is_map ? start->data.mapping_start.anchor : start->data.sequence_start.anchor;
    if (depth > YT_MAX_DEPTH) {
        yt_fail(c, start->start_mark, "the input is nested too deeply (more than 32 levels)");
        return NULL;
    }
    *cost = (yt_cost){1};
    c->open_anchors[depth] = anchor;
    yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
    yt_vec items = {0}, keys = {0};
    yt_table seen = {0};
    bool ok = true;
    for (;;) {
        yaml_event_t ev;
        if (!yt_next(c, &ev)) { ok = false; break; }
        if (ev.type == end) { yaml_event_delete(&ev); break; }
        yt_cost child_cost;
        yt_node *child = yt_node_from(c, &ev, depth + 1, &child_cost);
        yaml_mark_t at = ev.start_mark;
        yaml_event_delete(&ev);
        if (!child) { ok = false; break; }
        yt_add_cost(cost, child_cost);
        if (is_map && (items.n % 2 == 0)) {
            if (child->kind != YT_SCALAR) {
                yt_fail(c, at, "a mapping key must be a plain name, not a list or mapping");
                ok = false;
                break;
            }
            if (keys.n >= YT_MAX_KEYS) {
                yt_fail(c, start->start_mark, "a mapping has too many keys (more than 10000)");
                ok = false;
                break;
            }
            bool oom = false;
            if (!yt_check_duplicate_key(c, &seen, &keys, child, &oom)) child = NULL; /* keep going, skip value */
            if (oom || (child && !vec_push(&keys, child))) { ok = false; break; }
            if (!child) {
                /* Parse and drop the duplicate's value so the stream stays in step. */
                yaml_event_t vev;
                if (!yt_next(c, &vev)) { ok = false; break; }
                yt_cost dropped_cost;
                yt_node *dropped = yt_node_from(c, &vev, depth + 1, &dropped_cost);
                yaml_event_delete(&vev);
                if (!dropped) { ok = false; break; }
                continue;
            }
        }
        if (!vec_push(&items, child)) { ok = false; break; }
    }
    if (ok) {
        if (is_map) {
            n->count = items.n / 2;
            n->pairs = arena_array(c->a, (size_t)n->count, sizeof *n->pairs);
            for (size_t i = 0; i < (size_t)n->count && n->pairs; i++) {
                n->pairs[i].key = items.v[2 * i];
                n->pairs[i].value = items.v[2 * i + 1];
            }
            ok = n->pairs != NULL;
        } else {
            n->count = items.n;
            n->items = arena_array(c->a, (size_t)n->count, sizeof(yt_node *));
            if (n->items && n->count) memcpy(n->items, items.v, (size_t)n->count * sizeof(yt_node *));
            ok = n->items != NULL;
        }
    }
    free(items.v);
    free(keys.v);
    free(seen.slots);
    c->open_anchors[depth] = NULL;
    if (ok && !yt_remember_anchor(c, anchor, n, *cost)) {
        yt_fail(c, start->start_mark, "out of memory while reading the input");
        ok = false;
    }
    return ok ? n : NULL;
}

static yt_node *yt_scalar(yt_ctx *c, yaml_event_t *ev, yt_cost *cost) {
    yt_node *n = yt_new(c, YT_SCALAR, ev->start_mark);
    if (!n) return NULL;
    size_t len = ev->data.scalar.length;
    if (len > YT_MAX_SCALAR) {
        yt_fail(c, ev->start_mark, "a value is too long (more than 4096 characters)");
        return NULL;
    }
    if (memchr(ev->data.scalar.value, '\0', len)) {
        yt_fail(c, ev->start_mark, "a value contains a NUL character");
        return NULL;
    }
    *cost = (yt_cost){0};
    n->str = arena_strndup(c->a, (const char *)ev->data.scalar.value, len);
    n->len = len;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (!n->str || !yt_remember_anchor(c, ev->data.scalar.anchor, n, *cost)) {
        yt_fail(c, ev->start_mark, "out of memory while reading the input");
        return NULL;
    }
    return n;
}

static yt_node *yt_alias(yt_ctx *c, yaml_event_t *ev, int depth, yt_cost *cost) {
    if (++c->aliases > YT_MAX_ALIASES) {
        yt_fail(c, ev->start_mark, "too many aliases (*name) in one file (more than 10000)");
        return NULL;
    }
    const yt_anchor *target = yt_find_anchor(c, ev->data.alias.anchor);
    char msg[200];
    if (!target) {
        const char *name = (const char *)ev->data.alias.anchor;
        bool cycle = false;
        for (int i = 1; i < depth && i <= YT_MAX_DEPTH; i++)
            cycle = cycle || (c->open_anchors[i] && strcmp((const char *)c->open_anchors[i], name) == 0);
        snprintf(msg, sizeof msg,
                 cycle ? "alias *%.64s is used inside the value it names (a cycle)"
                       : "alias *%.64s refers to no anchor defined before it",
                 name);
        yt_fail(c, ev->start_mark, msg);
        return NULL;
    }
    /* Here the target's collections start at this depth: the depth cap
    ** must hold for the expanded tree as for a written one. */
    if (target->cost.height > 0 && depth + target->cost.height - 1 > YT_MAX_DEPTH) {
        snprintf(msg, sizeof msg, "the input is nested too deeply (more than 32 levels) once alias *%.64s "
                 "is expanded", (const char *)ev->data.alias.anchor);
        yt_fail(c, ev->start_mark, msg);
        return NULL;
    }
    *cost = target->cost;
    return target->node;
}

static yt_node *yt_node_from(yt_ctx *c, yaml_event_t *ev, int depth, yt_cost *cost) {
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return yt_scalar(c, ev, cost);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return yt_collection(c, ev, depth, cost);
    case YAML_ALIAS_EVENT:
        return yt_alias(c, ev, depth, cost);
    default:
        yt_fail(c, ev->start_mark, "unexpected YAML structure");
        return NULL;
    }
}

static yt_node *yt_empty_map(yt_ctx *c) {
    yt_node *n = arena_alloc(c->a, sizeof *n);
    if (!n) return NULL;
    n->kind = YT_MAPPING;
    n->pos = (diag_pos){c->file, 1, 1};
    n->pairs = arena_alloc(c->a, 1);
    return n;
}

static yt_node *yt_run(yt_ctx *c) {
    yt_node *root = NULL;
    int documents = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yt_next(c, &ev)) return NULL;
        yaml_event_type_t t = ev.type;
        if (t == YAML_STREAM_END_EVENT) { yaml_event_delete(&ev); break; }
        if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_END_EVENT) {
            yaml_event_delete(&ev);
            continue;
        }
        if (t == YAML_DOCUMENT_START_EVENT) {
            if (++documents > 1) {
                yt_fail(c, ev.start_mark, "a file may hold only one YAML document (found a second '---')");
                yaml_event_delete(&ev);
                return NULL;
            }
            yaml_event_delete(&ev);
            continue;
        }
        diag_pos at = yt_pos(c, ev.start_mark);
        yt_cost cost;
        root = yt_node_from(c, &ev, 1, &cost);
        yaml_event_delete(&ev);
        if (!root) return NULL;
        if (root->kind == YT_SCALAR && root->plain && (root->len == 0 || strcmp(root->str, "~") == 0 ||
                                                        strcmp(root->str, "null") == 0)) {
            root = yt_empty_map(c);
        } else if (root->kind != YT_MAPPING) {
            diag_error(c->d, at, "the top level of an input file must be a mapping of sections "
                                  "(programme:, schools:, pupils:, ...), not a %s",
                       yt_kind_name(root->kind));
            return NULL;
        }
    }
    return root ? root : yt_empty_map(c);
}

yt_node *yt_parse_buffer(arena *a, const char *name, const char *buf, size_t len, diag_list *d) {
    yt_ctx c = {0};
    c.a = a;
    c.d = d;
    c.file = arena_strdup(a, name);
    if (!c.file) return NULL;
    if (len > YT_MAX_FILE_BYTES) {
        diag_error(d, (diag_pos){c.file, 1, 1}, "the file is too large (%zu bytes; the limit is 64 MiB)", len);
        return NULL;
    }
    int errors_before = diag_count(d);
    if (!yaml_parser_initialize(&c.parser)) {
        diag_error(d, (diag_pos){c.file, 1, 1}, "out of memory while starting the YAML parser");
        return NULL;
    }
    c.buf = buf;
    c.len = len;
    yaml_parser_set_input_string(&c.parser, (const unsigned char *)buf, len);
    yt_node *root = yt_run(&c);
    yaml_parser_delete(&c.parser);
    free(c.anchors);
    free(c.anchor_index.slots);
    if (diag_count(d) > errors_before) return NULL;
    return root;
}

/* Opens path for reading without ever blocking: a FIFO or device is opened
** non-blocking and then refused by fstat on the descriptor itself, so no
** file can be swapped in between the check and the read. */
static int yt_open_regular(const char *path, diag_pos top, diag_list *d, struct stat *st) {
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        if (errno == EISDIR)
            diag_error(d, top, "this is a directory; give the YAML files inside it");
        else
            diag_error(d, top, "cannot read the file: %s", strerror(errno));
        return -1;
    }
    const char *refuse = NULL;
    if (fstat(fd, st) != 0) refuse = strerror(errno);
    else if (S_ISDIR(st->st_mode)) refuse = "this is a directory; give the YAML files inside it";
    else if (!S_ISREG(st->st_mode)) refuse = "not a regular file (a device, pipe or socket cannot be an input)";
    if (refuse) {
        diag_error(d, top, "%s", refuse);
        close(fd);
        return -1;
    }
    return fd;
}

yt_node *yt_parse_file(arena *a, const char *path, diag_list *d) {
    const char *name = arena_strdup(a, path);
    diag_pos top = {name ? name : "?", 1, 1};
    struct stat st;
    int fd = yt_open_regular(path, top, d, &st);
    if (fd < 0) return NULL;
    if ((unsigned long long)st.st_size > YT_MAX_FILE_BYTES) {
        diag_error(d, top, "the file is too large (%lld bytes; the limit is 64 MiB)", (long long)st.st_size);
        close(fd);
        return NULL;
    }
    /* One byte more than the size: reading it means the file grew. */
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        diag_error(d, top, "out of memory reading the file");
        return NULL;
    }
    const char *problem = NULL;
    while (len < cap) {
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) { problem = strerror(errno); break; }
        if (got == 0) break;
        len += (size_t)got;
    }
    close(fd);
    if (!problem && len == cap) problem = "the file changed while it was being read";
    if (problem) {
        free(buf);
        diag_error(d, top, "cannot read the file: %s", problem);
        return NULL;
    }
    yt_node *root = yt_parse_buffer(a, path, buf, len, d);
    free(buf);
    return root;
}

yt_node *yt_get(const yt_node *map, const char *key) {
    if (!map || map->kind != YT_MAPPING) return NULL;
    for (int i = 0; i < map->count; i++)
        if (strcmp(map->pairs[i].key->str, key) == 0) return map->pairs[i].value;
    return NULL;
}

const char *yt_kind_name(yt_kind k) {
    switch (k) {
    case YT_SCALAR: return "single value";
    case YT_SEQUENCE: return "list";
    case YT_MAPPING: return "mapping";
    }
    return "value";
}
