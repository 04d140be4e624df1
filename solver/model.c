/*
** model.c: lookups over a loaded programme (see model.h): id and name
** indexes, travel, levels, a pupil's school and windows on a date.
**
** Loading and validation live in load.c; this file only answers questions
** about a model that is already known to be valid.
*/
#include "model.h"

#include <ctype.h>
#include <string.h>

#include "model_index.h"

/* FNV-1a: simple, and good enough for short ids. */
static unsigned model_hash(const char *s) {
    unsigned h = 2166136261u;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h;
}

int model_table_get(const model_table *t, const char *key) {
    if (!t->cap) return -1;
    unsigned mask = t->cap - 1;
    for (unsigned i = model_hash(key) & mask;; i = (i + 1) & mask) {
        if (!t->keys[i]) return -1;
        if (strcmp(t->keys[i], key) == 0) return t->vals[i];
    }
}

static void model_table_insert(model_table *t, const char *key, int val) {
    unsigned mask = t->cap - 1;
    unsigned i = model_hash(key) & mask;
    while (t->keys[i]) i = (i + 1) & mask;
    t->keys[i] = key;
    t->vals[i] = val;
    t->n++;
}

bool model_table_put(arena *a, model_table *t, const char *key, int val) {
    if ((t->n + 1) * 2 > t->cap) {
        /* Grow by doubling; the old arrays stay in the arena (at most as
        ** much again as the live table). */
        unsigned cap = t->cap ? t->cap * 2 : 64;
        model_table bigger = {arena_array(a, cap, sizeof(char *)), arena_array(a, cap, sizeof(int)), cap, 0};
        if (!bigger.keys || !bigger.vals) return false;
        for (unsigned i = 0; i < t->cap; i++)
            if (t->keys[i]) model_table_insert(&bigger, t->keys[i], t->vals[i]);
        *t = bigger;
    }
    model_table_insert(t, key, val);
    return true;
}

void model_free(model_programme *m) {
    if (m) arena_free(m->arena);
}

int model_find_pupil(const model_programme *m, const char *id) { return model_table_get(&m->index->pupils, id); }
int model_find_advocate(const model_programme *m, const char *id) { return model_table_get(&m->index->advocates, id); }
int model_find_teacher(const model_programme *m, const char *id) { return model_table_get(&m->index->teachers, id); }
int model_find_place(const model_programme *m, const char *id) { return model_table_get(&m->index->places, id); }
int model_find_session(const model_programme *m, const char *id) { return model_table_get(&m->index->sessions, id); }
int model_find_course(const model_programme *m, const char *id) { return model_table_get(&m->index->courses, id); }
int model_find_calendar(const model_programme *m, const char *id) { return model_table_get(&m->index->calendars, id); }

int model_find_school(const model_programme *m, const char *id) {
    int p = model_find_place(m, id);
    return p < 0 ? -1 : m->places[p].school;
}

/* Names are interned in lower case (see docs/input-rules.md), so lookups
** fold case the same way. */
int model_find_name(const model_programme *m, const char *name) {
    char low[65];
    size_t n = strlen(name);
    if (n >= sizeof low) return -1;
    for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)name[i]);
    low[n] = '\0';
    return model_table_get(&m->index->names, low);
}

int model_travel(const model_programme *m, int place_a, int place_b) {
    if (place_a == place_b) return 0;
    if (place_a < 0 || place_b < 0 || place_a >= m->n_places || place_b >= m->n_places) return m->travel_default;
    return m->travel[(size_t)place_a * (size_t)m->n_places + (size_t)place_b];
}

int model_level_of(const model_level_list *l, int name) {
    for (int i = 0; i < l->n; i++)
        if (l->v[i].name == name) return l->v[i].level;
    return 0;
}

int model_pupil_school_on(const model_programme *m, const model_pupil *p, int date) {
    (void)m;
    return p->moves && date >= p->moves_on ? p->moves_school : p->school;
}

const model_index_list *model_pupil_windows_on(const model_pupil *p, int date) {
    return p->moves && date >= p->moves_on ? &p->moves_windows : &p->windows;
}

const model_school_window *model_school_window_named(const model_school *s, int name) {
    for (int i = 0; i < s->n_windows; i++)
        if (s->windows[i].name == name) return &s->windows[i];
    return NULL;
}

const char *model_phase_name(model_phase p) {
    switch (p) {
    case MODEL_PHASE_PRIMARY: return "primary";
    case MODEL_PHASE_SECONDARY: return "secondary";
    case MODEL_PHASE_ALL_THROUGH: return "all-through";
    case MODEL_PHASE_SPECIAL: return "special";
    case MODEL_PHASE_COLLEGE: return "college";
    }
    return "?";
}

const char *model_kind_name(model_advocate_kind k) {
    switch (k) {
    case MODEL_KIND_STAFF: return "staff";
    case MODEL_KIND_STUDENT: return "student";
    case MODEL_KIND_COMMUNITY: return "community";
    case MODEL_KIND_VOLUNTEER: return "volunteer";
    }
    return "?";
}

diag_pos model_pos(const yt_node *node) {
    if (!node) return (diag_pos){NULL, 0, 0};
    return node->pos;
}
