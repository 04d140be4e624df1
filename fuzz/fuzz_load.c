/*
** fuzz_load.c: libFuzzer harness for the whole loader (model_load_buffers).
**
** The input is one YAML file, or several when it contains the separator line
** "#--- next file ---": then each part is a file of its own, so the rules
** that only merging can break (a section given twice, lists concatenated,
** ids repeated across files, references into another file) are reached too.
** The separator is a YAML comment, so a joined example is still one valid
** file when the fuzzer mutates the separator away.
**
** Whatever the bytes, loading must return a model or errors, each error
** with a file and a line, without a crash, a leak or a sanitizer report.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"

#define FUZZ_MAX_FILES 8

static const char fuzz_separator[] = "\n#--- next file ---\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Splits data at the separator into at most FUZZ_MAX_FILES parts; the last
** part keeps any further separators. Returns the number of parts. */
static int fuzz_split(const char *data, size_t size, const char **buf, int *len) {
    size_t sep = sizeof fuzz_separator - 1, at = 0;
    int n = 0;
    while (n < FUZZ_MAX_FILES - 1) {
        const char *hit = NULL;
        for (size_t i = at; i + sep <= size; i++)
            if (memcmp(data + i, fuzz_separator, sep) == 0) { hit = data + i; break; }
        if (!hit) break;
        buf[n] = data + at;
        len[n] = (int)((size_t)(hit - data) - at);
        n++;
        at = (size_t)(hit - data) + sep;
    }
    buf[n] = data + at;
    len[n] = (int)(size - at);
    return n + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > (size_t)1 << 20) return -1; /* the loader's own size cap is tested end to end */
    /* A private copy: the loader must not rely on bytes past the end, and
    ** ASan catches it if it reads them. */
    char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    static const char *const names[FUZZ_MAX_FILES] = {"a.yaml", "b.yaml", "c.yaml", "d.yaml",
                                                      "e.yaml", "f.yaml", "g.yaml", "h.yaml"};
    const char *buf[FUZZ_MAX_FILES];
    int len[FUZZ_MAX_FILES];
    int n = fuzz_split(copy, size, buf, len);

    diag_list d;
    diag_init(&d);
    model_programme *m = model_load_buffers(names, buf, len, n, &d);
    if (m) {
        if (diag_count(&d) != 0) abort(); /* a model is returned only when nothing was wrong */
        model_free(m);
    } else {
        if (diag_count(&d) == 0) abort(); /* a refusal always says why */
        for (int i = 0; i < d.kept; i++)
            if (!d.entries[i].pos.file || d.entries[i].pos.line < 1 || d.entries[i].pos.col < 1)
                abort(); /* every error is positioned FILE:LINE:COL */
    }
    diag_clear(&d);
    free(copy);
    return 0;
}
