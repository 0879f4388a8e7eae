/* The README's C example (docs/README-c-section.md), compiled and run by scripts/test-c.sh. */
#include <stdio.h>
#include <stdlib.h>
#include "contact755.h"

int main(int argc, char **argv) {
    FILE *f = fopen(argc > 1 ? argv[1] : "dataset.json", "rb");
    if (!f) return 2;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
    size_t len = fread(data, 1, n > 0 ? (size_t)n : 0, f);
    fclose(f);

    C755Error *error = NULL;
    C755Bytes report = {NULL, 0};
    C755Policy *policy = c755_policy_preset("norwalk-2016", &error);
    int32_t kind = policy ? c755_audit_json(policy, data, len, &report, &error) : error->kind;
    if (kind == C755_OK)
        fwrite(report.ptr, 1, report.len, stdout); /* the SPEC section 4 report */
    else
        fprintf(stderr, "rejected (%s) at \"%s\": %s\n", c755_error_kind_name(kind), error->path, error->message);
    c755_bytes_free(report);
    c755_error_free(error);
    c755_policy_free(policy);
    free(data);
    return kind == C755_OK ? 0 : 1;
}
