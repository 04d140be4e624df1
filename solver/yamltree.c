/*
** yamltree.c: libyaml events to a bounded, positioned tree (see yamltree.h).
**
** A hand-rolled event loop rather than libyaml's document API because the
** document API expands nothing but also bounds nothing: we need caps on
** depth, node count and scalar size, and positions on every node.
*/
#include "yamltree.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

typedef struct {
    char *name;
    yt_node *node;
} yt_anchor;

typedef struct {
    arena *a;
    diag_list *d;
    const char *file;
    yaml_parser_t parser;
    long nodes;
    int aliases;
    yt_anchor *anchors;
    int n_anchors, cap_anchors;
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
        yt_node **nv = realloc(v->v, (size_t)cap * sizeof *nv);
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

static bool yt_remember_anchor(yt_ctx *c, const unsigned char *name, yt_node *n) {
    if (!name) return true;
    if (c->n_anchors == c->cap_anchors) {
        int cap = c->cap_anchors ? c->cap_anchors * 2 : 16;
        yt_anchor *na = realloc(c->anchors, (size_t)cap * sizeof *na);
        if (!na) return false;
        c->anchors = na;
        c->cap_anchors = cap;
    }
    c->anchors[c->n_anchors].name = arena_strdup(c->a, (const char *)name);
    c->anchors[c->n_anchors].node = n;
    c->n_anchors++;
    return true;
}

static yt_node *yt_find_anchor(yt_ctx *c, const unsigned char *name) {
    /* Latest definition wins, as YAML requires for redefined anchors. */
    for (int i = c->n_anchors - 1; i >= 0; i--)
        if (strcmp(c->anchors[i].name, (const char *)name) == 0) return c->anchors[i].node;
    return NULL;
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

static yt_node *yt_node_from(yt_ctx *c, yaml_event_t *ev, int depth);

static bool yt_check_duplicate_key(yt_ctx *c, const yt_vec *keys, const yt_node *key) {
    for (int i = 0; i < keys->n; i++) {
        if (keys->v[i]->len == key->len && memcmp(keys->v[i]->str, key->str, key->len) == 0) {
            diag_error(c->d, key->pos, "duplicate key '%s' (first given at line %d)", key->str,
                       keys->v[i]->pos.line);
            return false;
        }
    }
    return true;
}

/* Reads events until the collection opened by the caller closes. */
static yt_node *yt_collection(yt_ctx *c, yaml_event_t *start, int depth) {
    bool is_map = start->type == YAML_MAPPING_START_EVENT;
    yt_node *n = yt_new(c, is_map ? YT_MAPPING : YT_SEQUENCE, start->start_mark);
    if (!n) return NULL;
    const unsigned char *anchor =
        is_map ? start->data.mapping_start.anchor : start->data.sequence_start.anchor;
    if (!yt_remember_anchor(c, anchor, n)) return NULL;
    if (depth > YT_MAX_DEPTH) {
        yt_fail(c, start->start_mark, "the input is nested too deeply (more than 32 levels)");
        return NULL;
    }
    yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
    yt_vec items = {0}, keys = {0};
    bool ok = true;
    for (;;) {
        yaml_event_t ev;
        if (!yt_next(c, &ev)) { ok = false; break; }
        if (ev.type == end) { yaml_event_delete(&ev); break; }
        yt_node *child = yt_node_from(c, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!child) { ok = false; break; }
        if (is_map && (items.n % 2 == 0)) {
            if (child->kind != YT_SCALAR) {
                yt_fail(c, (yaml_mark_t){0, (size_t)child->pos.line - 1, (size_t)child->pos.col - 1},
                        "a mapping key must be a plain name, not a list or mapping");
                ok = false;
                break;
            }
            if (keys.n >= YT_MAX_KEYS) {
                yt_fail(c, start->start_mark, "a mapping has too many keys (more than 10000)");
                ok = false;
                break;
            }
            if (!yt_check_duplicate_key(c, &keys, child)) child = NULL; /* keep going, skip value */
            if (child && !vec_push(&keys, child)) { ok = false; break; }
            if (!child) {
                /* Parse and drop the duplicate's value so the stream stays in step. */
                yaml_event_t vev;
                if (!yt_next(c, &vev)) { ok = false; break; }
                yt_node *dropped = yt_node_from(c, &vev, depth + 1);
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
            for (int i = 0; i < n->count && n->pairs; i++) {
                n->pairs[i].key = items.v[2 * i];
                n->pairs[i].value = items.v[2 * i + 1];
            }
            ok = n->pairs != NULL;
        } else {
            n->count = items.n;
            n->items = arena_array(c->a, (size_t)n->count, sizeof *n->items);
            if (n->items && n->count) memcpy(n->items, items.v, (size_t)n->count * sizeof *n->items);
            ok = n->items != NULL;
        }
    }
    free(items.v);
    free(keys.v);
    return ok ? n : NULL;
}

static yt_node *yt_scalar(yt_ctx *c, yaml_event_t *ev) {
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
    n->str = arena_strndup(c->a, (const char *)ev->data.scalar.value, len);
    n->len = len;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (!n->str || !yt_remember_anchor(c, ev->data.scalar.anchor, n)) return NULL;
    return n;
}

static yt_node *yt_node_from(yt_ctx *c, yaml_event_t *ev, int depth) {
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return yt_scalar(c, ev);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return yt_collection(c, ev, depth);
    case YAML_ALIAS_EVENT: {
        if (++c->aliases > YT_MAX_ALIASES) {
            yt_fail(c, ev->start_mark, "too many aliases (*name) in one file (more than 10000)");
            return NULL;
        }
        yt_node *target = yt_find_anchor(c, ev->data.alias.anchor);
        if (!target) {
            char msg[200];
            snprintf(msg, sizeof msg, "alias *%.64s refers to no anchor defined before it",
                     (const char *)ev->data.alias.anchor);
            yt_fail(c, ev->start_mark, msg);
        }
        return target;
    }
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
        root = yt_node_from(c, &ev, 1);
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
    if (diag_count(d) > errors_before) return NULL;
    return root;
}

yt_node *yt_parse_file(arena *a, const char *path, diag_list *d) {
    const char *name = arena_strdup(a, path);
    diag_pos top = {name, 1, 1};
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_error(d, top, "cannot read the file: %s", strerror(errno));
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        diag_error(d, top, "this is a directory; give the YAML files inside it");
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_error(d, top, "not a regular file");
        return NULL;
    }
    if ((size_t)st.st_size > YT_MAX_FILE_BYTES) {
        diag_error(d, top, "the file is too large (%lld bytes; the limit is 64 MiB)", (long long)st.st_size);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_error(d, top, "cannot read the file: %s", strerror(errno));
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        diag_error(d, top, "out of memory reading the file");
        return NULL;
    }
    size_t got;
    while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) break; /* file grew while reading: the size check stands */
    }
    bool read_error = ferror(f);
    fclose(f);
    if (read_error) {
        free(buf);
        diag_error(d, top, "cannot read the file: input/output error");
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
