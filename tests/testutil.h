/*
** testutil.h: what every cmocka test file includes.
*/
#ifndef ROSTER_TESTUTIL_H
#define ROSTER_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* The CPU seconds a performance assertion allows: `seconds`, multiplied by
** $ROSTER_TEST_SLOWDOWN when set. `make valgrind` sets it: under valgrind
** code runs 20-100 times slower and only memory errors are being judged. */
static inline double testutil_cpu_seconds(double seconds) {
    const char *env = getenv("ROSTER_TEST_SLOWDOWN");
    double k = env ? strtod(env, NULL) : 1.0;
    return k > 1.0 ? seconds * k : seconds;
}

/* One inline YAML document loaded as "test.yaml"; diagnostics printed when
** it is rejected, NULL then (the caller asserts). */
static inline model_programme *testutil_load(const char *yaml) {
    diag_list d;
    diag_init(&d);
    const char *names[] = {"test.yaml"};
    const char *bufs[] = {yaml};
    int lens[] = {(int)strlen(yaml)};
    model_programme *m = model_load_buffers(names, bufs, lens, 1, &d);
    if (!m) diag_print(&d, stderr);
    diag_clear(&d);
    return m;
}

#endif
