/*
** test_fsio.c: outputs are complete or absent, owner-only (fsio.h).
**
** The promise "no partial outputs" (docs/promises.md) rests on this: a writer
** that fails half-way, or a directory that cannot be written, leaves the
** previous complete file (or none) and no temporary file behind.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "fsio.h"

static int write_text(FILE *out, void *ctx) { return fputs((const char *)ctx, out) < 0 ? -1 : 0; }

/* Writes half its text, then fails, as a writer running out of data would. */
static int write_half_then_fail(FILE *out, void *ctx) {
    const char *s = ctx;
    fwrite(s, 1, strlen(s) / 2, out);
    return -1;
}

static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int entries_in(const char *dir) {
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
    if (d) closedir(d);
    return n;
}

static void test_complete_file_owner_only(void **state) {
    (void)state;
    char dir[] = "/tmp/roster-fsio-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out/deep/roster.yaml", dir);
    char sub[256];
    snprintf(sub, sizeof sub, "%s/out/deep", dir);
    diag_list d;
    diag_init(&d);
    assert_int_equal(fsio_mkdir_private(sub, &d), 0);
    assert_int_equal(fsio_write_atomic(path, write_text, "format: roster/1\n", &d), 0);
    assert_string_equal(read_all(path), "format: roster/1\n");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(stat(sub, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(entries_in(sub), 1); /* no temporary left */
    assert_int_equal(diag_count(&d), 0);
    unlink(path);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/out", dir);
    rmdir(sub);
    rmdir(dir);
}

static void test_failed_writer_keeps_previous(void **state) {
    (void)state;
    char dir[] = "/tmp/roster-fsio-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/roster.yaml", dir);
    diag_list d;
    diag_init(&d);
    assert_int_equal(fsio_write_atomic(path, write_text, "old complete roster\n", &d), 0);
    assert_int_equal(fsio_write_atomic(path, write_half_then_fail, "new roster that never finishes\n", &d), -1);
    assert_string_equal(read_all(path), "old complete roster\n");
    assert_int_equal(entries_in(dir), 1);
    assert_int_equal(diag_count(&d), 1);
    assert_non_null(strstr(d.entries[0].message, "previous version is unchanged"));
    diag_clear(&d);
    unlink(path);
    /* With no previous file, a failed write leaves nothing at all. */
    assert_int_equal(fsio_write_atomic(path, write_half_then_fail, "half\n", &d), -1);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(entries_in(dir), 0);
    diag_clear(&d);
    rmdir(dir);
}

static void test_unwritable_target_reports(void **state) {
    (void)state;
    diag_list d;
    diag_init(&d);
    assert_int_equal(fsio_write_atomic("/nonexistent-dir-for-roster/roster.yaml", write_text, "x", &d), -1);
    assert_int_equal(diag_count(&d), 1);
    assert_string_equal(d.entries[0].pos.file, "/nonexistent-dir-for-roster/roster.yaml");
    diag_clear(&d);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complete_file_owner_only),
        cmocka_unit_test(test_failed_writer_keeps_previous),
        cmocka_unit_test(test_unwritable_target_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
