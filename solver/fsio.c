/*
** fsio.c: atomic, owner-only output files (see fsio.h).
*/
#define _POSIX_C_SOURCE 200809L
#include "fsio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
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
