/*
** fsio.c: atomic, owner-only output files and output directories (see
** fsio.h).
*/
#define _GNU_SOURCE /* renameat2 and RENAME_EXCHANGE (glibc >= 2.28), nftw */
#define _POSIX_C_SOURCE 200809L
#include "fsio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static diag_pos fsio_pos(const char *path) { return (diag_pos){path, 1, 1}; }

static void fsio_sync_dir(const char *path) {
    char *dir = strdup(path);
    if (!dir) return;
    char *slash = strrchr(dir, '/');
    const char *name = ".";
    if (slash) {
        *slash = '\0';
        name = slash == dir ? "/" : dir;
    }
    int fd = open(name, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd); /* best effort: some file systems refuse directory fsync */
        close(fd);
    }
    free(dir);
}

int fsio_write_atomic(const char *path, fsio_writer fn, void *ctx, diag_list *d) {
    size_t len = strlen(path);
    char *tmp = malloc(len + 16);
    if (!tmp) {
        diag_error(d, fsio_pos(path), "out of memory");
        return -1;
    }
    snprintf(tmp, len + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp); /* mkstemp creates the file with mode 0600 */
    if (fd < 0) {
        diag_error(d, fsio_pos(path), "cannot write here: %s", strerror(errno));
        free(tmp);
        return -1;
    }
    FILE *out = fdopen(fd, "w");
    if (!out) {
        diag_error(d, fsio_pos(path), "cannot write: %s", strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    int rc = fn(out, ctx);
    int saved = errno;
    if (rc == 0 && (fflush(out) != 0 || ferror(out))) rc = -1, saved = errno;
    if (rc == 0 && fsync(fd) != 0) rc = -1, saved = errno;
    if (fclose(out) != 0 && rc == 0) rc = -1, saved = errno;
    if (rc == 0 && rename(tmp, path) != 0) rc = -1, saved = errno;
    if (rc != 0) {
        unlink(tmp);
        diag_error(d, fsio_pos(path), "could not write the file (%s); the previous version is unchanged",
                   saved ? strerror(saved) : "write failed");
        free(tmp);
        return -1;
    }
    free(tmp);
    fsio_sync_dir(path);
    return 0;
}

int fsio_mkdir_private(const char *path, diag_list *d) {
    char *p = strdup(path);
    if (!p) return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST) {
            diag_error(d, fsio_pos(path), "cannot create directory %s: %s", p, strerror(errno));
            free(p);
            return -1;
        }
        *s = '/';
    }
    if (mkdir(p, 0700) != 0 && errno != EEXIST) {
        diag_error(d, fsio_pos(path), "cannot create directory: %s", strerror(errno));
        free(p);
        return -1;
    }
    free(p);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_error(d, fsio_pos(path), "not a directory");
        return -1;
    }
    return 0;
}

/* ---- whole directories -------------------------------------------------- */

static int fsio_rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb, (void)flag, (void)ftw;
    remove(path); /* best effort: whatever stays is swept by the next run */
    return 0;
}

static void fsio_rm_tree(const char *path) { nftw(path, fsio_rm_entry, 16, FTW_DEPTH | FTW_PHYS); }

static int fsio_sync_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb, (void)ftw;
    if (flag != FTW_F && flag != FTW_D) return 0;
    int fd = open(path, O_RDONLY | (flag == FTW_D ? O_DIRECTORY : 0));
    if (fd >= 0) {
        fsync(fd); /* files were synced when written; this covers the directory entries */
        close(fd);
    }
    return 0;
}

/* "a/b/" -> parent "a", *base "b"; "b" -> ".", "b"; "/b" -> "/", "b".
** Both strings are the caller's to free; NULL on no memory. */
static char *fsio_split(const char *path, char **base) {
    size_t n = strlen(path);
    char *p = malloc(n + 2); /* room for "." when path is "" */
    if (!p) return NULL;
    memcpy(p, path, n + 1);
    while (n > 1 && p[n - 1] == '/') p[--n] = '\0';
    char *slash = strrchr(p, '/');
    *base = strdup(slash ? slash + 1 : p);
    if (!*base) return free(p), NULL;
    if (!slash) p[0] = '.', p[1] = '\0';
    else if (slash == p) slash[1] = '\0';
    else *slash = '\0';
    return p;
}

static char *fsio_join(const char *a, const char *b, const char *suffix) {
    size_t n = strlen(a) + strlen(b) + strlen(suffix) + 2;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s%s%s%s", a, strcmp(a, "/") == 0 ? "" : "/", b, suffix);
    return s;
}

/* 1 if dir is empty or holds roster.yaml, 0 if it holds something else,
** -1 (errno set) if it cannot be read. */
static int fsio_is_output_dir(const char *dir) {
    DIR *dh = opendir(dir);
    if (!dh) return -1;
    bool empty = true, roster = false;
    for (struct dirent *e; (e = readdir(dh));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        empty = false;
        if (strcmp(e->d_name, "roster.yaml") == 0) roster = true;
    }
    closedir(dh);
    return empty || roster;
}

/* Remove base.new-XXXXXX and base.old-XXXXXX in parent that no live run
** holds (a run killed with -9 drops its flock with its life). */
static void fsio_sweep(const char *parent, const char *base) {
    DIR *dh = opendir(parent);
    if (!dh) return;
    size_t bl = strlen(base);
    for (struct dirent *e; (e = readdir(dh));) {
        const char *n = e->d_name;
        if (strncmp(n, base, bl) != 0 || strlen(n) != bl + 11) continue;
        if (strncmp(n + bl, ".new-", 5) != 0 && strncmp(n + bl, ".old-", 5) != 0) continue;
        char *path = fsio_join(parent, n, "");
        int fd = path ? open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW) : -1;
        if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) fsio_rm_tree(path);
        if (fd >= 0) close(fd);
        free(path);
    }
    closedir(dh);
}

static void fsio_dir_release(fsio_dir *t) {
    if (t->lock_fd >= 0) close(t->lock_fd);
    free(t->target);
    free(t->stage);
    t->target = t->stage = NULL;
    t->lock_fd = -1;
}

/* The directory DIR names once it exists: symlinks, "." and ".." resolved. */
static char *fsio_resolve_target(const char *dir, diag_list *d) {
    struct stat st;
    diag_pos at = fsio_pos(dir);
    if (lstat(dir, &st) == 0) {
        char *real = realpath(dir, NULL);
        if (!real) return diag_error(d, at, "cannot resolve the output directory: %s", strerror(errno)), NULL;
        if (stat(real, &st) != 0 || !S_ISDIR(st.st_mode) || strcmp(real, "/") == 0) {
            diag_error(d, at, "the output path exists and is not a directory the solver can replace");
            return free(real), NULL;
        }
        int own = fsio_is_output_dir(real);
        if (own != 1) {
            if (own < 0) diag_error(d, at, "cannot read the output directory: %s", strerror(errno));
            else diag_error(d, at, "the output directory is not empty and holds no roster.yaml; refusing to "
                                   "replace it (name a new or empty directory, or a previous output)");
            return free(real), NULL;
        }
        return real;
    }
    if (errno != ENOENT) return diag_error(d, at, "cannot use the output directory: %s", strerror(errno)), NULL;
    char *base;
    char *parent = fsio_split(dir, &base);
    if (!parent) return diag_error(d, at, "out of memory"), NULL;
    char *target = NULL;
    diag_list mk; /* its positions name parent, freed below: keep the words only */
    diag_init(&mk);
    if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        diag_error(d, at, "not a name for a new output directory");
    } else if (fsio_mkdir_private(parent, &mk) != 0) {
        diag_error(d, at, "%s", mk.kept ? mk.entries[0].message : "cannot create the parent directory");
    } else {
        char *real = realpath(parent, NULL);
        if (!real) diag_error(d, at, "cannot resolve the output directory's parent: %s", strerror(errno));
        else target = fsio_join(real, base, "");
        free(real);
    }
    diag_clear(&mk);
    free(parent);
    free(base);
    return target;
}

int fsio_dir_begin(fsio_dir *t, const char *dir, diag_list *d) {
    memset(t, 0, sizeof *t);
    t->lock_fd = -1;
    t->target = fsio_resolve_target(dir, d);
    if (!t->target) return -1;
    char *base;
    char *parent = fsio_split(t->target, &base);
    if (!parent) return diag_error(d, fsio_pos(dir), "out of memory"), fsio_dir_release(t), -1;
    fsio_sweep(parent, base);
    /* Another run's sweep could take a fresh staging directory in the moment
    ** before it is locked; check the lock is on what the path names. */
    for (int tries = 0; tries < 3 && t->lock_fd < 0; tries++) {
        free(t->stage);
        t->stage = fsio_join(parent, base, ".new-XXXXXX");
        if (!t->stage) break;
        if (!mkdtemp(t->stage)) { /* mkdtemp makes it 0700 */
            diag_error(d, fsio_pos(dir), "cannot create the new output directory beside it: %s", strerror(errno));
            free(t->stage), t->stage = NULL;
            break;
        }
        int fd = open(t->stage, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
        struct stat a, b;
        if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &a) == 0 && stat(t->stage, &b) == 0 &&
            a.st_ino == b.st_ino && a.st_dev == b.st_dev)
            t->lock_fd = fd;
        else if (fd >= 0)
            close(fd);
    }
    free(parent);
    free(base);
    if (t->lock_fd < 0) {
        if (t->stage) diag_error(d, fsio_pos(dir), "cannot lock the new output directory beside it");
        else if (!diag_count(d)) diag_error(d, fsio_pos(dir), "out of memory");
        if (t->stage) fsio_rm_tree(t->stage);
        fsio_dir_release(t);
        return -1;
    }
    return 0;
}

/* No exchange here: move the old DIR aside, the new one in. *old gets the
** aside path. Between the renames DIR is absent (never mixed). */
static int fsio_swap_aside(fsio_dir *t, char **old) {
    char *base;
    char *parent = fsio_split(t->target, &base);
    if (!parent) return errno = ENOMEM, -1;
    char *aside = fsio_join(parent, base, ".old-XXXXXX");
    free(parent);
    free(base);
    if (!aside || !mkdtemp(aside)) return free(aside), -1;
    /* rename onto the empty aside directory replaces it */
    if (rename(t->target, aside) != 0) {
        int e = errno;
        rmdir(aside);
        free(aside);
        return errno = e, -1;
    }
    if (rename(t->stage, t->target) != 0) {
        int e = errno;
        rename(aside, t->target); /* put the previous set back */
        free(aside);
        return errno = e, -1;
    }
    *old = aside;
    return 0;
}

int fsio_dir_commit(fsio_dir *t, diag_list *d) {
    nftw(t->stage, fsio_sync_entry, 16, FTW_PHYS);
    fsio_sync_dir(t->stage);
    struct stat st;
    char *old = NULL;
    int rc;
    if (lstat(t->target, &st) != 0 && errno == ENOENT) {
        rc = rename(t->stage, t->target);
    } else {
#ifdef RENAME_EXCHANGE
        rc = renameat2(AT_FDCWD, t->stage, AT_FDCWD, t->target, RENAME_EXCHANGE);
        if (rc == 0) old = strdup(t->stage); /* the previous set now lives there */
        else if (errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP) /* ENOTSUP is the same on Linux */
            rc = fsio_swap_aside(t, &old);
#else
        rc = fsio_swap_aside(t, &old);
#endif
    }
    if (rc != 0) {
        diag_error(d, (diag_pos){NULL, 0, 0}, "could not put the new outputs in place at %s (%s); the previous ones "
                   "are unchanged", t->target, strerror(errno));
        fsio_dir_abort(t);
        return -1;
    }
    fsio_sync_dir(t->target);
    if (old) fsio_rm_tree(old);
    free(old);
    fsio_dir_release(t);
    return 0;
}

void fsio_dir_abort(fsio_dir *t) {
    if (t->stage) fsio_rm_tree(t->stage);
    fsio_dir_release(t);
}
