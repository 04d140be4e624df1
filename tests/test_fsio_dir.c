/*
** test_fsio_dir.c: a whole output directory is replaced at once (fsio.h,
** fsio_dir_*): readers see the complete old set or the complete new one,
** an abandoned run leaves DIR untouched, stale staging directories of
** killed runs are swept, and a directory holding someone else's files is
** never replaced.
*/
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "fsio.h"

static int write_text(FILE *out, void *ctx) { return fputs((const char *)ctx, out) < 0 ? -1 : 0; }

/* The file's text, or "" if it cannot be read (static buffer). */
static const char *slurp(const char *dir, const char *name) {
    static char buf[256];
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    buf[0] = '\0';
    if (!f) return buf;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void put(const char *dir, const char *name, const char *text) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    diag_list d;
    diag_init(&d);
    assert_int_equal(fsio_write_atomic(path, write_text, (void *)text, &d), 0);
    diag_clear(&d);
}

/* Entries of dir whose names start with prefix. */
static int count_prefixed(const char *dir, const char *prefix) {
    DIR *dh = opendir(dir);
    int n = 0;
    for (struct dirent *e; dh && (e = readdir(dh));)
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) n++;
    if (dh) closedir(dh);
    return n;
}

static void rm_rf(const char *path) {
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    assert_int_equal(system(cmd), 0);
}

/* A full run into a fresh directory, then another over it: DIR switches
** from one complete set to the next and nothing is left beside it. */
static void test_commit_replaces_whole_set(void **state) {
    (void)state;
    char root[] = "/tmp/roster-fsiodir-XXXXXX";
    assert_non_null(mkdtemp(root));
    char dir[256], sub[300];
    snprintf(dir, sizeof dir, "%s/deep/out", root);
    diag_list d;
    diag_init(&d);

    fsio_dir t;
    assert_int_equal(fsio_dir_begin(&t, dir, &d), 0);
    struct stat st;
    assert_int_equal(stat(t.stage, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    snprintf(sub, sizeof sub, "%s/old-only", t.stage);
    assert_int_equal(fsio_mkdir_private(sub, &d), 0);
    put(t.stage, "roster.yaml", "one\n");
    put(t.stage, "old-only/a.csv", "a\n");
    assert_int_equal(access(dir, F_OK), -1); /* nothing visible before commit */
    assert_int_equal(fsio_dir_commit(&t, &d), 0);
    assert_string_equal(slurp(dir, "roster.yaml"), "one\n");

    assert_int_equal(fsio_dir_begin(&t, dir, &d), 0);
    put(t.stage, "roster.yaml", "two\n");
    assert_string_equal(slurp(dir, "roster.yaml"), "one\n"); /* old set still whole */
    assert_int_equal(fsio_dir_commit(&t, &d), 0);
    assert_string_equal(slurp(dir, "roster.yaml"), "two\n");
    snprintf(sub, sizeof sub, "%s/old-only", dir);
    assert_int_equal(access(sub, F_OK), -1); /* no file of the old set survives */
    snprintf(sub, sizeof sub, "%s/deep", root);
    assert_int_equal(count_prefixed(sub, "out."), 0);
    assert_int_equal(diag_count(&d), 0);
    diag_clear(&d);
    rm_rf(root);
}

static void test_abort_leaves_previous(void **state) {
    (void)state;
    char root[] = "/tmp/roster-fsiodir-XXXXXX";
    assert_non_null(mkdtemp(root));
    char dir[256];
    snprintf(dir, sizeof dir, "%s/out", root);
    diag_list d;
    diag_init(&d);
    fsio_dir t;
    assert_int_equal(fsio_dir_begin(&t, dir, &d), 0);
    put(t.stage, "roster.yaml", "kept\n");
    assert_int_equal(fsio_dir_commit(&t, &d), 0);
    assert_int_equal(fsio_dir_begin(&t, dir, &d), 0);
    put(t.stage, "roster.yaml", "half\n");
    fsio_dir_abort(&t);
    assert_string_equal(slurp(dir, "roster.yaml"), "kept\n");
    assert_int_equal(count_prefixed(root, "out."), 0);
    diag_clear(&d);
    rm_rf(root);
}

/* A killed run's staging directory (no lock held) is swept; one a live run
** holds (flock) is left alone. */
static void test_sweep_spares_live_runs(void **state) {
    (void)state;
    char root[] = "/tmp/roster-fsiodir-XXXXXX";
    assert_non_null(mkdtemp(root));
    char dir[256], dead[300], live[300], other[300];
    snprintf(dir, sizeof dir, "%s/out", root);
    snprintf(dead, sizeof dead, "%s/out.new-AAAAAA", root);
    snprintf(live, sizeof live, "%s/out.new-BBBBBB", root);
    snprintf(other, sizeof other, "%s/out.new-keep-me", root);
    assert_int_equal(mkdir(dead, 0700), 0);
    put(dead, "roster.yaml", "stale\n");
    assert_int_equal(mkdir(live, 0700), 0);
    assert_int_equal(mkdir(other, 0700), 0);
    int fd = open(live, O_RDONLY | O_DIRECTORY);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    diag_list d;
    diag_init(&d);
    fsio_dir t;
    assert_int_equal(fsio_dir_begin(&t, dir, &d), 0);
    assert_int_equal(access(dead, F_OK), -1);
    assert_int_equal(access(live, F_OK), 0);
    assert_int_equal(access(other, F_OK), 0); /* not a name a run makes */
    fsio_dir_abort(&t);
    close(fd);
    diag_clear(&d);
    rm_rf(root);
}

static void test_refuses_foreign_directory(void **state) {
    (void)state;
    char root[] = "/tmp/roster-fsiodir-XXXXXX";
    assert_non_null(mkdtemp(root));
    put(root, "thesis.tex", "precious\n");
    diag_list d;
    diag_init(&d);
    fsio_dir t;
    assert_int_equal(fsio_dir_begin(&t, root, &d), -1);
    assert_int_equal(diag_count(&d), 1);
    assert_non_null(strstr(d.entries[0].message, "refusing"));
    assert_string_equal(slurp(root, "thesis.tex"), "precious\n");
    diag_clear(&d);
    /* a regular file is not a directory to replace either */
    char file[300];
    snprintf(file, sizeof file, "%s/thesis.tex", root);
    diag_init(&d);
    assert_int_equal(fsio_dir_begin(&t, file, &d), -1);
    diag_clear(&d);
    rm_rf(root);
}

/* Through a symlink the directory it names is replaced; the link stays. */
static void test_symlink_target_replaced(void **state) {
    (void)state;
    char root[] = "/tmp/roster-fsiodir-XXXXXX";
    assert_non_null(mkdtemp(root));
    char real[256], link[256];
    snprintf(real, sizeof real, "%s/real", root);
    snprintf(link, sizeof link, "%s/link", root);
    assert_int_equal(mkdir(real, 0700), 0);
    assert_int_equal(symlink(real, link), 0);
    diag_list d;
    diag_init(&d);
    fsio_dir t;
    assert_int_equal(fsio_dir_begin(&t, link, &d), 0);
    put(t.stage, "roster.yaml", "via link\n");
    assert_int_equal(fsio_dir_commit(&t, &d), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_string_equal(slurp(real, "roster.yaml"), "via link\n");
    diag_clear(&d);
    rm_rf(root);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_replaces_whole_set),
        cmocka_unit_test(test_abort_leaves_previous),
        cmocka_unit_test(test_sweep_spares_live_runs),
        cmocka_unit_test(test_refuses_foreign_directory),
        cmocka_unit_test(test_symlink_target_replaced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
