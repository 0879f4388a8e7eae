/* The README's C example for tables (docs/README-c-section.md), compiled and run by
 * scripts/test-c.sh:  readme_tables_example PERIOD MAPPING.toml FILE.csv...  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "contact755.h"

/* A whole file (NULL when it cannot be read). */
static uint8_t *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
    *len = data ? fread(data, 1, n > 0 ? (size_t)n : 0, f) : 0;
    fclose(f);
    return data;
}

int main(int argc, char **argv) {
    if (argc < 4) return 2;
    size_t count = (size_t)argc - 3, toml_len = 0;
    C755Table *files = calloc(count, sizeof *files);
    uint8_t *toml = slurp(argv[2], &toml_len);
    if (!files || !toml) return 2;
    for (size_t i = 0; i < count; i++) {
        const char *path = argv[i + 3], *slash = strrchr(path, '/');
        files[i].name = slash ? slash + 1 : path; /* the name the mapping gives: "MDC_EXPORT.CSV" */
        files[i].data = slurp(path, &files[i].len);
        if (!files[i].data) return 2;
    }

    C755Error *error = NULL;
    C755Bytes report = {NULL, 0};
    C755Policy *policy = c755_policy_preset("norwalk-2016", &error);
    C755Mapping *mapping = policy ? c755_mapping_from_toml(toml, toml_len, &error) : NULL;
    int32_t kind = mapping ? c755_audit_tables(policy, files, count, argv[1], mapping, &report, &error)
                           : error->kind;
    if (kind == C755_OK)
        fwrite(report.ptr, 1, report.len, stdout); /* the SPEC section 4 report, as from the JSON */
    else /* rejected (mapping_invalid_value) at "entries.timestamps.time_zone": ... */
        fprintf(stderr, "rejected (%s) at \"%s\": %s\n", c755_error_kind_name(kind), error->path, error->message);
    c755_bytes_free(report);
    c755_error_free(error);
    c755_mapping_free(mapping);
    c755_policy_free(policy);
    for (size_t i = 0; i < count; i++) free((void *)files[i].data);
    free(files);
    free(toml);
    return kind == C755_OK ? 0 : 1;
}
