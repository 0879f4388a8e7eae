/*
 * The C ABI of contact755, tested from C (scripts/test-c.sh builds and runs this program with
 * AddressSanitizer and UndefinedBehaviorSanitizer, then again under valgrind).
 *
 *   test_contact755 SAMPLE.json EXPECTED_REPORT.json ENTRY_CASES.txt SAMPLE_CSV CAD_EXPORT VECTOR.json...
 *
 * SAMPLE.json          a dataset (examples/data/sample-month.json)
 * EXPECTED_REPORT.json what `cargo run --release --example audit -- --json SAMPLE.json` wrote
 * ENTRY_CASES.txt      lines of (worksheet, entry, expected findings) written by the
 *                      entry_cases example from the core's typed check_entry
 * SAMPLE_CSV           a folder of the same month as canonical CSV tables (SPEC section 7;
 *                      examples/data/sample-month-csv), audited for the period 2016-03
 * CAD_EXPORT           a folder of the same month as another system's export, with the
 *                      mapping.toml that reads it (examples/data/cad-export)
 * VECTOR.json...       conformance vectors (SPEC section 5; JSON datasets and CSV tables), run
 *                      through the ABI and judged by the core's judge
 *
 * Prints one line per failed check, a count per part, and ends with `N passed, M failed`;
 * exits 1 when a check failed. Built with -DC755_TEST_HOOKS against a library built with the
 * cargo feature `test-hooks`, it also proves that a panic inside the library becomes
 * C755_ERROR_INTERNAL.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "contact755.h"

#ifdef C755_TEST_HOOKS
/* The test hook of the cargo feature `test-hooks`: not in the public header. */
int32_t c755_test_panic(C755Error **error);
#endif

static int passed;
static int failed;

/* Counts one check; prints it when it fails. */
static int check(int ok, const char *what, const char *detail) {
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    }
    return ok;
}

#define CHECK(cond) check((cond), #cond, NULL)

static const uint8_t *u8(const char *s) { return (const uint8_t *)s; }

/* A string literal as (pointer, length) arguments. */
#define TEXT(s) u8(s), strlen(s)

/* A whole file, NUL-terminated (not counted in *len); exits on failure to read. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t cap = 0, n = 0;
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    for (;;) {
        size_t got;
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            data = realloc(data, cap);
            if (!data) {
                fprintf(stderr, "out of memory\n");
                exit(2);
            }
        }
        got = fread(data + n, 1, 4096, f);
        n += got;
        if (got < 4096) break;
    }
    if (ferror(f)) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    data[n] = '\0';
    *len = n;
    return data;
}

static int is_empty(C755Bytes b) { return b.ptr == NULL && b.len == 0; }

static int bytes_equal(C755Bytes b, const char *want, size_t want_len) {
    return b.len == want_len && b.ptr != NULL && memcmp(b.ptr, want, want_len) == 0 && b.ptr[b.len] == '\0';
}

static int bytes_equal_str(C755Bytes b, const char *want) { return bytes_equal(b, want, strlen(want)); }

/* An ABI error: kind 100, empty path, a message, no place. Frees it. */
static int is_abi_error(int32_t code, C755Error *e) {
    int ok = code == C755_ERROR_ABI && e != NULL && e->kind == C755_ERROR_ABI && e->path != NULL &&
             e->path[0] == '\0' && e->message != NULL && e->message[0] != '\0' && e->line == 0 &&
             e->column == 0;
    c755_error_free(e);
    return ok;
}

/* A rejection as the SPEC describes it: a core kind (1..7), a path, a message, and the code
 * returned equal to the kind. A syntax error in JSON or TOML has an empty path, a line and a
 * column; in CSV tables (malformed quoting, a record with the wrong number of fields, bytes
 * that are not UTF-8) the path FILE:LINE and its line. */
static int is_rejection(int32_t code, const C755Error *e) {
    if (e == NULL || e->path == NULL || e->message == NULL || e->message[0] == '\0') return 0;
    if (e->kind < C755_ERROR_SYNTAX || e->kind > C755_ERROR_CONSTRAINT || code != e->kind) return 0;
    if (e->kind == C755_ERROR_SYNTAX && e->path[0] == '\0') return e->line > 0 && e->column > 0;
    if (e->kind == C755_ERROR_SYNTAX) return e->line > 0 && strchr(e->path, ':') != NULL;
    return c755_error_kind_name(e->kind) != NULL;
}

/* A rejected mapping: a mapping kind (201..207), a path (empty only for a syntax error, which
 * has a line), a message. */
static int is_mapping_rejection(const C755Error *e) {
    if (e == NULL || e->path == NULL || e->message == NULL || e->message[0] == '\0') return 0;
    if (e->kind <= C755_ERROR_MAPPING || e->kind > C755_ERROR_MAPPING + C755_ERROR_CONSTRAINT) return 0;
    if (e->kind == C755_ERROR_MAPPING_SYNTAX) return e->path[0] == '\0' && e->line > 0 && e->column > 0;
    return e->path[0] != '\0' && c755_error_kind_name(e->kind) != NULL;
}

/* ---- tabular datasets: files as C gives them -------------------------------------------- */

/* The files of a tabular dataset, owned here; `tables` points into `names` and `data`. */
struct files {
    size_t count;
    char **names;
    uint8_t **data;
    C755Table *tables;
};

static void files_init(struct files *f, size_t count) {
    f->count = count;
    /* calloc(0) may give NULL: one slot at least, so NULL means out of memory. */
    f->names = calloc(count + 1, sizeof *f->names);
    f->data = calloc(count + 1, sizeof *f->data);
    f->tables = calloc(count + 1, sizeof *f->tables);
    if (!f->names || !f->data || !f->tables) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
}

static void files_free(struct files *f) {
    size_t i;
    for (i = 0; i < f->count; i++) {
        free(f->names[i]);
        free(f->data[i]);
    }
    free(f->names);
    free(f->data);
    free(f->tables);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int ends_with_csv(const char *name) {
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

/* Every `*.csv` file of a folder (any letter case), read from disk, in the byte order of the
 * names: what a C program hands c755_audit_tables. Exits when the folder cannot be read. */
static void read_folder(const char *dir, struct files *f) {
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0, i;
    if (!d) {
        fprintf(stderr, "cannot open the folder %s\n", dir);
        exit(2);
    }
    while ((e = readdir(d)) != NULL) {
        if (!ends_with_csv(e->d_name)) continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 8;
            names = realloc(names, cap * sizeof *names);
            if (!names) exit(2);
        }
        names[n] = strdup(e->d_name);
        if (!names[n]) exit(2);
        n++;
    }
    closedir(d);
    if (n > 0) qsort(names, n, sizeof *names, by_name);
    files_init(f, n);
    for (i = 0; i < n; i++) {
        size_t path_len = strlen(dir) + 1 + strlen(names[i]) + 1, len;
        char *path = malloc(path_len);
        if (!path) exit(2);
        snprintf(path, path_len, "%s/%s", dir, names[i]);
        f->names[i] = names[i];
        f->data[i] = (uint8_t *)read_file(path, &len);
        f->tables[i].name = f->names[i];
        f->tables[i].data = f->data[i];
        f->tables[i].len = len;
        free(path);
    }
    free(names);
}

/* A tabular vector's files, copied out of the vector; 0 when a part could not be read. */
static int vector_files(const C755Vector *vector, struct files *f) {
    size_t count = 0, i;
    files_init(f, 0); /* so that files_free may follow a failure */
    if (c755_vector_table_count(vector, &count) != 0) return 0;
    files_free(f);
    files_init(f, count);
    for (i = 0; i < count; i++) {
        C755Bytes name = {NULL, 0}, data = {NULL, 0};
        if (c755_vector_table_name(vector, i, &name) != 0 || c755_vector_table_data(vector, i, &data) != 0 ||
            name.ptr == NULL) {
            c755_bytes_free(name);
            c755_bytes_free(data);
            return 0;
        }
        /* Copies the C program owns (a caller's buffers are its own, not the library's). */
        f->names[i] = strdup((const char *)name.ptr);
        f->data[i] = malloc(data.len + 1);
        if (!f->names[i] || !f->data[i]) exit(2);
        if (data.len > 0) memcpy(f->data[i], data.ptr, data.len);
        f->tables[i].name = f->names[i];
        /* An empty file is (NULL, 0), as C755Table allows. */
        f->tables[i].data = data.len > 0 ? f->data[i] : NULL;
        f->tables[i].len = data.len;
        c755_bytes_free(name);
        c755_bytes_free(data);
    }
    return 1;
}

/* ---- conformance vectors ---------------------------------------------------------------- */

static int tables_vectors; /* how many of the vectors were tabular */

/* Audits a tabular vector through c755_mapping_from_json and c755_audit_tables; the outcome's
 * code (0: a report in *report) and error. 1 when the outcome could be produced. */
static int audit_tables_vector(const char *file, const C755Vector *vector, const C755Policy *policy,
                               C755Bytes period, C755Bytes *report, C755Error **error, int32_t *code) {
    C755Bytes mapping_json = {NULL, 0};
    C755Mapping *mapping = NULL;
    struct files files;
    int ok = 1;
    if (c755_vector_mapping_json(vector, &mapping_json) != 0) {
        printf("FAIL %s: the vector's mapping could not be read\n", file);
        return 0;
    }
    /* The mapping before the tables, as every runner: its rejection is the outcome. */
    if (!is_empty(mapping_json)) {
        mapping = c755_mapping_from_json(mapping_json.ptr, mapping_json.len, error);
        if (mapping == NULL) {
            c755_bytes_free(mapping_json);
            if (!is_mapping_rejection(*error)) {
                printf("FAIL %s: the mapping's error is not a well-formed rejection\n", file);
                return 0;
            }
            *code = (*error)->kind;
            return 1;
        }
    }
    c755_bytes_free(mapping_json);
    if (!vector_files(vector, &files)) {
        printf("FAIL %s: the vector's files could not be read\n", file);
        ok = 0;
    } else {
        *code = c755_audit_tables(policy, files.tables, files.count, (const char *)period.ptr, mapping, report,
                                  error);
    }
    files_free(&files);
    c755_mapping_free(mapping);
    return ok;
}

/* Runs one vector through the ABI and the core's judge; 1 when it passes. */
static int run_vector(const char *file) {
    size_t len;
    char *text = read_file(file, &len);
    C755Error *error = NULL;
    C755Vector *vector = c755_vector_parse(u8(text), len, &error);
    C755Bytes policy_json = {NULL, 0}, dataset = {NULL, 0}, period = {NULL, 0}, report = {NULL, 0},
              failure = {NULL, 0};
    C755Policy *policy = NULL;
    int ok = 0;
    int32_t code;
    free(text);
    if (vector == NULL) {
        printf("FAIL %s: %s\n", file, error ? error->message : "(no error)");
        c755_error_free(error);
        return 0;
    }
    if (c755_vector_policy_json(vector, &policy_json) != 0 || c755_vector_dataset_json(vector, &dataset) != 0 ||
        c755_vector_period(vector, &period) != 0) {
        printf("FAIL %s: the vector's parts could not be read\n", file);
        goto done;
    }
    /* A vector holds a JSON dataset or tables (with a period), never both nor neither. */
    if (is_empty(dataset) == is_empty(period)) {
        printf("FAIL %s: the vector has %s\n", file, is_empty(dataset) ? "neither dataset nor tables" : "both");
        goto done;
    }
    if (!is_empty(period)) tables_vectors++;
    /* No policy in the vector: the default preset, as every runner does. */
    policy = is_empty(policy_json) ? c755_policy_preset("norwalk-2016", &error)
                                   : c755_policy_from_json(policy_json.ptr, policy_json.len, &error);
    if (policy == NULL) {
        if (!is_rejection(error ? error->kind : 0, error)) {
            printf("FAIL %s: the policy's error is not a well-formed rejection\n", file);
            goto done;
        }
        code = c755_vector_judge_rejection(vector, error->path, &failure, NULL);
    } else {
        if (!is_empty(dataset)) {
            code = c755_audit_json(policy, dataset.ptr, dataset.len, &report, &error);
        } else if (!audit_tables_vector(file, vector, policy, period, &report, &error, &code)) {
            goto done;
        }
        if (code != 0) {
            int mapping_rejected = error != NULL && code == error->kind && is_mapping_rejection(error);
            if (!(is_rejection(code, error) || mapping_rejected) || !is_empty(report)) {
                printf("FAIL %s: the error is not a well-formed rejection\n", file);
                goto done;
            }
            code = c755_vector_judge_rejection(vector, error->path, &failure, NULL);
        } else {
            if (error != NULL || report.ptr == NULL) {
                printf("FAIL %s: a success left an error or no report\n", file);
                goto done;
            }
            code = c755_vector_judge_report(vector, report.ptr, report.len, &failure, NULL);
        }
    }
    if (code != 0) {
        printf("FAIL %s: the judge refused the outcome (code %d)\n", file, (int)code);
    } else if (!is_empty(failure)) {
        printf("FAIL %s: %s\n", file, (const char *)failure.ptr);
    } else {
        ok = 1;
    }
done:
    c755_error_free(error);
    c755_policy_free(policy);
    c755_bytes_free(policy_json);
    c755_bytes_free(dataset);
    c755_bytes_free(period);
    c755_bytes_free(report);
    c755_bytes_free(failure);
    c755_vector_free(vector);
    return ok;
}

/* ---- the sample month, once and on four threads ----------------------------------------- */

struct audit_job {
    const C755Policy *policy;
    const char *dataset;
    size_t dataset_len;
    const char *expected;
    size_t expected_len;
    int same; /* out: 1 when the thread's report had the expected bytes */
};

static void *audit_on_thread(void *arg) {
    struct audit_job *job = arg;
    C755Bytes report = {NULL, 0};
    C755Error *error = NULL;
    int32_t code = c755_audit_json(job->policy, u8(job->dataset), job->dataset_len, &report, &error);
    job->same = code == 0 && error == NULL && bytes_equal(report, job->expected, job->expected_len);
    c755_error_free(error);
    c755_bytes_free(report);
    return NULL;
}

static void sample_month(const char *sample_path, const char *expected_path) {
    size_t sample_len, expected_len;
    char *sample = read_file(sample_path, &sample_len);
    char *expected = read_file(expected_path, &expected_len);
    C755Error *error = NULL;
    C755Policy *policy = c755_policy_preset("norwalk-2016", &error);
    struct audit_job jobs[4];
    pthread_t threads[4];
    int i, started[4];
    CHECK(policy != NULL && error == NULL);
    if (policy == NULL) {
        c755_error_free(error);
        free(sample);
        free(expected);
        return;
    }
    /* Once on this thread: the audit example's --json bytes. */
    {
        struct audit_job job;
        job.policy = policy;
        job.dataset = sample;
        job.dataset_len = sample_len;
        job.expected = expected;
        job.expected_len = expected_len;
        audit_on_thread(&job);
        check(job.same, "c755_audit_json gives the bytes of `audit --json` on the sample month", NULL);
    }
    /* One policy shared by four threads auditing at once. */
    for (i = 0; i < 4; i++) {
        jobs[i].policy = policy;
        jobs[i].dataset = sample;
        jobs[i].dataset_len = sample_len;
        jobs[i].expected = expected;
        jobs[i].expected_len = expected_len;
        jobs[i].same = 0;
        started[i] = pthread_create(&threads[i], NULL, audit_on_thread, &jobs[i]) == 0;
        CHECK(started[i]);
    }
    for (i = 0; i < 4; i++) {
        if (started[i]) pthread_join(threads[i], NULL);
        check(jobs[i].same, "a thread sharing the policy got the same report bytes", NULL);
    }
    c755_policy_free(policy);
    free(sample);
    free(expected);
}

/* ---- the same month as tables (SPEC section 7), canonical and as a CAD export ----------- */

struct tables_job {
    const C755Policy *policy;
    const struct files *files;
    const char *period;
    const C755Mapping *mapping; /* NULL: canonical */
    C755Bytes want;             /* the report of c755_audit_json on the JSON month */
    int same;                   /* out: 1 when the report had the bytes of `want` */
};

static void *tables_on_thread(void *arg) {
    struct tables_job *job = arg;
    C755Bytes report = {NULL, 0};
    C755Error *error = NULL;
    int32_t code = c755_audit_tables(job->policy, job->files->tables, job->files->count, job->period,
                                     job->mapping, &report, &error);
    job->same = code == 0 && error == NULL && bytes_equal(report, (const char *)job->want.ptr, job->want.len);
    if (code != 0 && error != NULL)
        printf("  c755_audit_tables: %s at \"%s\": %s\n", c755_error_kind_name(code), error->path, error->message);
    c755_error_free(error);
    c755_bytes_free(report);
    return NULL;
}

static int tables_report_is(const C755Policy *policy, const struct files *files, const char *period,
                            const C755Mapping *mapping, C755Bytes want) {
    struct tables_job job;
    job.policy = policy;
    job.files = files;
    job.period = period;
    job.mapping = mapping;
    job.want = want;
    tables_on_thread(&job);
    return job.same;
}

static void tables_month(const char *sample_path, const char *expected_path, const char *csv_dir,
                         const char *cad_dir) {
    size_t sample_len, expected_len, toml_len, path_len = strlen(cad_dir) + sizeof "/mapping.toml";
    char *sample = read_file(sample_path, &sample_len);
    char *expected = read_file(expected_path, &expected_len);
    char *toml_path = malloc(path_len), *toml;
    C755Error *error = NULL;
    C755Policy *policy = c755_policy_preset("norwalk-2016", &error);
    C755Mapping *mapping;
    C755Bytes json_report = {NULL, 0}, report = {NULL, 0};
    struct files csv, cad;
    struct tables_job jobs[4];
    pthread_t threads[4];
    int i, started[4];
    int32_t code;
    if (!policy || !toml_path) exit(2);
    snprintf(toml_path, path_len, "%s/mapping.toml", cad_dir);
    toml = read_file(toml_path, &toml_len);

    /* The JSON month's report, through the ABI: what the tables must give byte for byte. */
    code = c755_audit_json(policy, u8(sample), sample_len, &json_report, &error);
    CHECK(code == 0 && bytes_equal(json_report, expected, expected_len));

    read_folder(csv_dir, &csv);
    check(csv.count == 5, "the canonical folder has the five tables", csv_dir);
    check(tables_report_is(policy, &csv, "2016-03", NULL, json_report),
          "c755_audit_tables on sample-month-csv (period 2016-03) gives the bytes of c755_audit_json", NULL);
    check(tables_report_is(policy, &csv, "2016-03-01..2016-03-31", NULL, json_report),
          "the same with the period 2016-03-01..2016-03-31", NULL);

    mapping = c755_mapping_from_toml(u8(toml), toml_len, &error);
    check(mapping != NULL && error == NULL, "the CAD export's mapping.toml reads",
          error ? error->message : NULL);
    read_folder(cad_dir, &cad);
    check(cad.count == 5, "the CAD export has five files", cad_dir);
    check(tables_report_is(policy, &cad, "2016-03", mapping, json_report),
          "c755_audit_tables on the CAD export with mapping.toml gives the bytes of c755_audit_json", NULL);
    /* The mapping is what reads the export: without it the canonical files are missing, and the
     * canonical folder through it misses the export's. */
    code = c755_audit_tables(policy, cad.tables, cad.count, "2016-03", NULL, &report, &error);
    CHECK(code == C755_ERROR_MISSING_FIELD && error != NULL && strcmp(error->path, "personnel.csv") == 0 &&
          is_empty(report));
    c755_error_free(error);
    code = c755_audit_tables(policy, csv.tables, csv.count, "2016-03", mapping, &report, &error);
    CHECK(code == C755_ERROR_MISSING_FIELD && error != NULL && strcmp(error->path, "ROSTER.CSV") == 0 &&
          is_empty(report));
    c755_error_free(error);

    /* One policy and one mapping shared by four threads auditing the export at once. */
    for (i = 0; i < 4; i++) {
        jobs[i].policy = policy;
        jobs[i].files = &cad;
        jobs[i].period = "2016-03";
        jobs[i].mapping = mapping;
        jobs[i].want = json_report;
        jobs[i].same = 0;
        started[i] = pthread_create(&threads[i], NULL, tables_on_thread, &jobs[i]) == 0;
        CHECK(started[i]);
    }
    for (i = 0; i < 4; i++) {
        if (started[i]) pthread_join(threads[i], NULL);
        check(jobs[i].same, "a thread sharing the policy and the mapping got the same report bytes", NULL);
    }

    files_free(&csv);
    files_free(&cad);
    c755_mapping_free(mapping);
    c755_bytes_free(json_report);
    c755_policy_free(policy);
    free(toml);
    free(toml_path);
    free(sample);
    free(expected);
}

/* ---- the real-time check against the core's check_entry --------------------------------- */

/* One line without its newline; NULL at the end of the file. */
static char *next_line(FILE *f, char **buffer, size_t *cap, size_t *len) {
    ssize_t n = getline(buffer, cap, f);
    if (n < 0) return NULL;
    if (n > 0 && (*buffer)[n - 1] == '\n') (*buffer)[--n] = '\0';
    *len = (size_t)n;
    return *buffer;
}

static void entry_cases(const char *path) {
    FILE *f = fopen(path, "rb");
    char *worksheet = NULL, *entry = NULL, *want = NULL;
    size_t worksheet_cap = 0, entry_cap = 0, want_cap = 0;
    size_t worksheet_len, entry_len, want_len;
    int cases = 0, good = 0;
    C755Error *error = NULL;
    C755Policy *policy = c755_policy_preset("norwalk-2016", &error);
    if (!f || !policy) {
        fprintf(stderr, "cannot open %s or make the policy\n", path);
        exit(2);
    }
    while (next_line(f, &worksheet, &worksheet_cap, &worksheet_len) &&
           next_line(f, &entry, &entry_cap, &entry_len) && next_line(f, &want, &want_cap, &want_len)) {
        C755Bytes findings = {NULL, 0};
        int32_t code = c755_check_entry_json(policy, u8(worksheet), worksheet_len, u8(entry), entry_len,
                                             &findings, &error);
        int same = code == 0 && error == NULL && bytes_equal(findings, want, want_len);
        cases++;
        if (same) {
            good++;
            passed++;
        } else {
            failed++;
            printf("FAIL c755_check_entry_json case %d (line %d) differs from the core's check_entry: %s\n",
                   cases, 3 * cases - 2, error ? error->message : "other findings");
        }
        c755_error_free(error);
        error = NULL;
        c755_bytes_free(findings);
    }
    printf("real-time check cases: %d passed, %d failed\n", good, cases - good);
    check(cases > 0, "the entry cases file has cases", path);
    free(worksheet);
    free(entry);
    free(want);
    fclose(f);
    c755_policy_free(policy);
}

/* ---- every function with NULLs and bad lengths ------------------------------------------ */

static void misuse(void) {
    const char *json = "{\"min_contacts_per_shift\": 2}";
    const char *ws = "{\"id\": \"W1\", \"personnel_id\": \"D100\", \"date\": \"2016-03-17\", "
                     "\"assignment\": \"field\", \"area\": \"Norwalk\"}";
    const char *entry = "{\"id\": \"E1\", \"at\": \"2016-03-17T09:12:00-07:00\", \"activity\": \"obs\", "
                        "\"clearance_codes\": [\"755\"], \"contact\": {\"category\": \"resident\", "
                        "\"card_provided\": true}}";
    const char *empty_dataset = "{\"period\": {\"start\": \"2016-03-14\", \"end\": \"2016-03-20\"}, "
                                "\"personnel\": [], \"worksheets\": []}";
    size_t too_long = (size_t)PTRDIFF_MAX + 1;
    C755Error *error = NULL;
    C755Bytes out = {NULL, 0};
    C755Policy *policy, *p;
    int32_t code;

    /* Static strings. */
    CHECK(c755_version() != NULL && c755_version()[0] != '\0');
    CHECK(strcmp(c755_error_kind_name(C755_ERROR_SYNTAX), "syntax") == 0);
    CHECK(strcmp(c755_error_kind_name(C755_ERROR_CONSTRAINT), "constraint") == 0);
    CHECK(strcmp(c755_error_kind_name(C755_ERROR_ABI), "abi") == 0);
    CHECK(strcmp(c755_error_kind_name(C755_ERROR_INTERNAL), "internal") == 0);
    CHECK(strcmp(c755_error_kind_name(C755_OK), "ok") == 0);
    CHECK(c755_error_kind_name(8) == NULL && c755_error_kind_name(-1) == NULL);

    /* Lists. */
    CHECK(c755_presets_json(&out) == 0 && bytes_equal_str(out, "[\"norwalk-2016\",\"compton-2018\"]"));
    c755_bytes_free(out);
    CHECK(c755_presets_json(NULL) == C755_ERROR_ABI);
    CHECK(c755_vocabularies_json(&out) == 0 && out.ptr != NULL &&
          strstr((const char *)out.ptr, "\"error_kind\":[\"syntax\",") != NULL);
    c755_bytes_free(out);
    CHECK(c755_vocabularies_json(NULL) == C755_ERROR_ABI);

    /* Policies. */
    error = (C755Error *)&out; /* garbage: a call writes NULL first and never reads it */
    policy = c755_policy_preset("norwalk-2016", &error);
    CHECK(policy != NULL && error == NULL);
    p = c755_policy_preset(NULL, &error);
    CHECK(p == NULL && is_abi_error(C755_ERROR_ABI, error));
    p = c755_policy_preset("norwalk\xff", &error);
    CHECK(p == NULL && is_abi_error(C755_ERROR_ABI, error));
    p = c755_policy_preset("lakewood", &error);
    CHECK(p == NULL && error != NULL && error->kind == C755_ERROR_INVALID_VALUE && strcmp(error->path, "preset") == 0);
    c755_error_free(error);
    CHECK(c755_policy_preset("lakewood", NULL) == NULL); /* error may be NULL */

    p = c755_policy_from_json(u8(json), strlen(json), &error);
    CHECK(p != NULL && error == NULL);
    c755_policy_free(p);
    p = c755_policy_from_json(NULL, 5, &error);
    CHECK(p == NULL && is_abi_error(C755_ERROR_ABI, error));
    p = c755_policy_from_json(u8(json), too_long, &error);
    CHECK(p == NULL && is_abi_error(C755_ERROR_ABI, error));
    p = c755_policy_from_json(NULL, 0, &error); /* the empty document: the core's syntax error */
    CHECK(p == NULL && error != NULL && error->kind == C755_ERROR_SYNTAX);
    c755_error_free(error);
    p = c755_policy_from_json(TEXT("{\"covered_areas\": []}"), &error);
    CHECK(p == NULL && error != NULL && error->kind == C755_ERROR_INVALID_VALUE &&
          strcmp(error->path, "covered_areas") == 0);
    c755_error_free(error);

    p = c755_policy_from_toml(TEXT("min_cards_in_vehicle = 20\n"), &error);
    CHECK(p != NULL && error == NULL);
    c755_policy_free(p);
    p = c755_policy_from_toml(TEXT("station = \"caf\xe9\"\n"), &error);
    CHECK(p == NULL && is_abi_error(C755_ERROR_ABI, error)); /* TOML is text: not UTF-8 is misuse */
    p = c755_policy_from_toml(NULL, 3, &error);
    CHECK(p == NULL && is_abi_error(C755_ERROR_ABI, error));
    p = c755_policy_from_toml(u8("x"), too_long, &error);
    CHECK(p == NULL && is_abi_error(C755_ERROR_ABI, error));
    p = c755_policy_from_toml(TEXT("min_cards_in_vehicle =\n"), &error);
    CHECK(p == NULL && error != NULL && error->kind == C755_ERROR_SYNTAX && error->line == 1);
    c755_error_free(error);

    CHECK(c755_policy_json(policy, &out) == 0 && out.ptr != NULL &&
          strstr((const char *)out.ptr, "\"policy_sha256\": \"") != NULL);
    c755_bytes_free(out);
    CHECK(c755_policy_json(NULL, &out) == C755_ERROR_ABI && is_empty(out));
    CHECK(c755_policy_json(policy, NULL) == C755_ERROR_ABI);
    CHECK(c755_rules_json(policy, &out) == 0 && out.ptr != NULL && out.ptr[0] == '[');
    c755_bytes_free(out);
    CHECK(c755_rules_json(NULL, &out) == C755_ERROR_ABI && is_empty(out));
    CHECK(c755_rules_json(policy, NULL) == C755_ERROR_ABI);

    /* Audit. */
    code = c755_audit_json(policy, u8(empty_dataset), strlen(empty_dataset), &out, &error);
    CHECK(code == 0 && error == NULL && out.ptr != NULL && out.ptr[out.len - 1] == '\n');
    c755_bytes_free(out);
    out.ptr = (uint8_t *)&out; /* garbage: a failed call leaves the buffer empty */
    out.len = 7;
    code = c755_audit_json(NULL, u8(empty_dataset), strlen(empty_dataset), &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    code = c755_audit_json(policy, NULL, 10, &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    code = c755_audit_json(policy, u8(empty_dataset), too_long, &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    code = c755_audit_json(policy, u8(empty_dataset), strlen(empty_dataset), NULL, &error);
    CHECK(is_abi_error(code, error));
    code = c755_audit_json(policy, NULL, 0, &out, &error);
    CHECK(code == C755_ERROR_SYNTAX && error != NULL && error->kind == code && is_empty(out));
    c755_error_free(error);
    code = c755_audit_json(policy, TEXT("[]"), &out, NULL); /* error may be NULL */
    CHECK(code == C755_ERROR_INVALID_TYPE && is_empty(out));
    code = c755_audit_json(policy, TEXT("{\"period\": \"caf\xe9\"}"), &out, &error);
    CHECK(code == C755_ERROR_SYNTAX && error != NULL && error->line == 1 && is_empty(out));
    c755_error_free(error);
    /* A length shorter than the text: the bytes given are judged, and they are cut JSON. */
    code = c755_audit_json(policy, u8(empty_dataset), 10, &out, &error);
    CHECK(code == C755_ERROR_SYNTAX && error != NULL && error->line == 1 && is_empty(out));
    c755_error_free(error);

    /* Real-time check. */
    code = c755_check_entry_json(policy, u8(ws), strlen(ws), u8(entry), strlen(entry), &out, &error);
    CHECK(code == 0 && error == NULL && bytes_equal_str(out, "[]"));
    c755_bytes_free(out);
    code = c755_check_entry_json(NULL, u8(ws), strlen(ws), u8(entry), strlen(entry), &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    code = c755_check_entry_json(policy, NULL, 4, u8(entry), strlen(entry), &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    code = c755_check_entry_json(policy, u8(ws), strlen(ws), NULL, 4, &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    code = c755_check_entry_json(policy, u8(ws), too_long, u8(entry), strlen(entry), &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    code = c755_check_entry_json(policy, u8(ws), strlen(ws), u8(entry), too_long, &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    code = c755_check_entry_json(policy, u8(ws), strlen(ws), u8(entry), strlen(entry), NULL, &error);
    CHECK(is_abi_error(code, error));
    code = c755_check_entry_json(policy, u8(ws), strlen(ws), TEXT("{\"id\": \"E1\"}"), &out, &error);
    CHECK(code == C755_ERROR_MISSING_FIELD && error != NULL && strncmp(error->path, "entry", 5) == 0 &&
          is_empty(out));
    c755_error_free(error);

    /* Vectors. */
    CHECK(c755_vector_parse(NULL, 1, &error) == NULL && is_abi_error(C755_ERROR_ABI, error));
    CHECK(c755_vector_parse(u8("\xff"), 1, &error) == NULL && is_abi_error(C755_ERROR_ABI, error));
    CHECK(c755_vector_parse(u8("{}"), 2, &error) == NULL && error != NULL &&
          error->kind == C755_ERROR_NOT_A_VECTOR);
    c755_error_free(error);
    CHECK(c755_vector_name(NULL, &out) == C755_ERROR_ABI && is_empty(out));
    CHECK(c755_vector_policy_json(NULL, &out) == C755_ERROR_ABI && is_empty(out));
    CHECK(c755_vector_dataset_json(NULL, &out) == C755_ERROR_ABI && is_empty(out));
    code = c755_vector_judge_report(NULL, u8("{}"), 2, &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    code = c755_vector_judge_rejection(NULL, "period", &out, &error);
    CHECK(is_abi_error(code, error) && is_empty(out));
    {
        const char *text = "{\"name\": \"n\", \"dataset\": {}, \"expect\": {\"error\": {\"path\": \"period\"}}}";
        C755Vector *vector = c755_vector_parse(u8(text), strlen(text), &error);
        CHECK(vector != NULL && error == NULL);
        CHECK(c755_vector_name(vector, &out) == 0 && bytes_equal_str(out, "n"));
        c755_bytes_free(out);
        CHECK(c755_vector_name(vector, NULL) == C755_ERROR_ABI);
        CHECK(c755_vector_policy_json(vector, &out) == 0 && is_empty(out)); /* no policy */
        CHECK(c755_vector_dataset_json(vector, &out) == 0 && bytes_equal_str(out, "{}"));
        c755_bytes_free(out);
        code = c755_vector_judge_report(vector, NULL, 3, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        code = c755_vector_judge_report(vector, u8("\xff"), 1, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        code = c755_vector_judge_report(vector, u8("{}"), 2, NULL, &error);
        CHECK(is_abi_error(code, error));
        code = c755_vector_judge_rejection(vector, NULL, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        code = c755_vector_judge_rejection(vector, "period.end", &out, &error);
        CHECK(code == 0 && error == NULL && is_empty(out)); /* a pass */
        code = c755_vector_judge_rejection(vector, "personnel", &out, &error);
        CHECK(code == 0 && error == NULL && out.ptr != NULL &&
              strstr((const char *)out.ptr, "expected a path starting with") != NULL);
        c755_bytes_free(out);
        c755_vector_free(vector);
    }

    /* Mappings. */
    {
        const char *zone = "[entries.timestamps]\nformat = \"%m/%d/%Y %H:%M\"\ntime_zone = \"Pacific/Nowhere\"\n";
        const char *zone_json = "{\"entries\": {\"timestamps\": {\"format\": \"%m/%d/%Y %H:%M\", "
                                "\"time_zone\": \"America/Norwalk\"}}}";
        C755Mapping *m = c755_mapping_from_toml(TEXT("[entries]\ndelimiter = \";\"\n"), &error);
        CHECK(m != NULL && error == NULL);
        c755_mapping_free(m);
        m = c755_mapping_from_toml(NULL, 0, &error); /* the empty document: the canonical layout */
        CHECK(m != NULL && error == NULL);
        c755_mapping_free(m);
        m = c755_mapping_from_json(TEXT("{\"entries\": {\"file\": \"cad.csv\"}}"), &error);
        CHECK(m != NULL && error == NULL);
        c755_mapping_free(m);

        /* A time zone that is not an IANA name: the mapping's invalid value at its key. */
        m = c755_mapping_from_toml(u8(zone), strlen(zone), &error);
        CHECK(m == NULL && error != NULL && error->kind == C755_ERROR_MAPPING_INVALID_VALUE &&
              error->kind == C755_ERROR_MAPPING + C755_ERROR_INVALID_VALUE &&
              strcmp(error->path, "entries.timestamps.time_zone") == 0 &&
              strcmp(c755_error_kind_name(error->kind), "mapping_invalid_value") == 0 &&
              is_mapping_rejection(error));
        c755_error_free(error);
        m = c755_mapping_from_json(u8(zone_json), strlen(zone_json), &error);
        CHECK(m == NULL && error != NULL && error->kind == C755_ERROR_MAPPING_INVALID_VALUE &&
              strcmp(error->path, "entries.timestamps.time_zone") == 0);
        c755_error_free(error);
        m = c755_mapping_from_toml(TEXT("[personnel.timestamps]\nformat = \"%Y\"\n"), &error);
        CHECK(m == NULL && error != NULL && error->kind == C755_ERROR_MAPPING_UNKNOWN_FIELD &&
              strcmp(error->path, "personnel.timestamps") == 0);
        c755_error_free(error);
        m = c755_mapping_from_toml(TEXT("[entries.timestamps]\ntime_zone = \"UTC\"\n"), &error);
        CHECK(m == NULL && error != NULL && error->kind == C755_ERROR_MAPPING_MISSING_FIELD &&
              strcmp(error->path, "entries.timestamps.format") == 0);
        c755_error_free(error);
        m = c755_mapping_from_json(TEXT("{\"entries\": {\"file\": \"a.csv\", \"file\": \"b.csv\"}}"), &error);
        CHECK(m == NULL && error != NULL && error->kind == C755_ERROR_MAPPING_DUPLICATE_KEY);
        c755_error_free(error);
        m = c755_mapping_from_json(TEXT("{\"entries\": {\"delimiter\": 1}}"), &error);
        CHECK(m == NULL && error != NULL && error->kind == C755_ERROR_MAPPING_INVALID_TYPE &&
              strcmp(error->path, "entries.delimiter") == 0);
        c755_error_free(error);
        m = c755_mapping_from_toml(TEXT("[entries\n"), &error);
        CHECK(m == NULL && error != NULL && error->kind == C755_ERROR_MAPPING_SYNTAX && error->line == 1 &&
              error->path[0] == '\0' && is_mapping_rejection(error));
        c755_error_free(error);
        m = c755_mapping_from_json(NULL, 0, &error); /* the empty JSON document: a syntax error */
        CHECK(m == NULL && error != NULL && error->kind == C755_ERROR_MAPPING_SYNTAX);
        c755_error_free(error);
        CHECK(c755_mapping_from_json(TEXT("[]"), NULL) == NULL); /* error may be NULL */

        CHECK(c755_mapping_from_toml(NULL, 3, &error) == NULL && is_abi_error(C755_ERROR_ABI, error));
        CHECK(c755_mapping_from_toml(u8("x"), too_long, &error) == NULL && is_abi_error(C755_ERROR_ABI, error));
        CHECK(c755_mapping_from_toml(TEXT("[entries]\nfile = \"caf\xe9.csv\"\n"), &error) == NULL &&
              is_abi_error(C755_ERROR_ABI, error)); /* TOML is text: not UTF-8 is misuse */
        CHECK(c755_mapping_from_json(NULL, 3, &error) == NULL && is_abi_error(C755_ERROR_ABI, error));
        CHECK(c755_mapping_from_json(u8("{}"), too_long, &error) == NULL && is_abi_error(C755_ERROR_ABI, error));

        CHECK(strcmp(c755_error_kind_name(C755_ERROR_MAPPING_SYNTAX), "mapping_syntax") == 0);
        CHECK(strcmp(c755_error_kind_name(C755_ERROR_MAPPING_CONSTRAINT), "mapping_constraint") == 0);
        CHECK(c755_error_kind_name(C755_ERROR_MAPPING) == NULL && c755_error_kind_name(208) == NULL);
    }

    /* Tabular audits. */
    {
        const char *personnel = "id,role\nD100,deputy\nS200,sergeant\n";
        const char *worksheets = "id,personnel_id,date,assignment,area\nW1,D100,2016-03-17,field,Norwalk\n";
        const char *entries = "worksheet_id,id,at,activity,clearance_codes,category,card_provided\n"
                              "W1,E1,2016-03-17T09:12:00-07:00,obs,755,resident,true\n";
        C755Table files[3], bad[3];
        C755Mapping *m;
        files[0].name = "personnel.csv";
        files[0].data = u8(personnel);
        files[0].len = strlen(personnel);
        files[1].name = "worksheets.csv";
        files[1].data = u8(worksheets);
        files[1].len = strlen(worksheets);
        files[2].name = "entries.csv";
        files[2].data = u8(entries);
        files[2].len = strlen(entries);

        code = c755_audit_tables(policy, files, 3, "2016-03-17", NULL, &out, &error);
        CHECK(code == 0 && error == NULL && out.ptr != NULL && out.ptr[out.len - 1] == '\n');
        c755_bytes_free(out);
        out.ptr = (uint8_t *)&out; /* garbage: a failed call leaves the buffer empty */
        out.len = 7;
        code = c755_audit_tables(NULL, files, 3, "2016-03", NULL, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        code = c755_audit_tables(policy, NULL, 3, "2016-03", NULL, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        code = c755_audit_tables(policy, files, SIZE_MAX / 2, "2016-03", NULL, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        code = c755_audit_tables(policy, files, 3, NULL, NULL, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        code = c755_audit_tables(policy, files, 3, "2016-03\xff", NULL, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        code = c755_audit_tables(policy, files, 3, "2016-03", NULL, NULL, &error);
        CHECK(is_abi_error(code, error));
        memcpy(bad, files, sizeof bad);
        bad[1].name = NULL;
        code = c755_audit_tables(policy, bad, 3, "2016-03", NULL, &out, &error);
        CHECK(code == C755_ERROR_ABI && error != NULL && strstr(error->message, "files[1].name") != NULL);
        CHECK(is_abi_error(code, error) && is_empty(out));
        memcpy(bad, files, sizeof bad);
        bad[2].name = "entries\xff.csv";
        code = c755_audit_tables(policy, bad, 3, "2016-03", NULL, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        memcpy(bad, files, sizeof bad);
        bad[0].data = NULL;
        code = c755_audit_tables(policy, bad, 3, "2016-03", NULL, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        memcpy(bad, files, sizeof bad);
        bad[2].len = too_long;
        code = c755_audit_tables(policy, bad, 3, "2016-03", NULL, &out, &error);
        CHECK(is_abi_error(code, error) && is_empty(out));
        memcpy(bad, files, sizeof bad);
        bad[2].name = "personnel.csv"; /* two files of one name */
        code = c755_audit_tables(policy, bad, 3, "2016-03", NULL, &out, &error);
        CHECK(code == C755_ERROR_ABI && error != NULL && strstr(error->message, "files[2].name") != NULL);
        CHECK(is_abi_error(code, error) && is_empty(out));

        /* The core's rejections: a missing file, a bad cell, a bad period, a short length. */
        code = c755_audit_tables(policy, NULL, 0, "2016-03", NULL, &out, &error);
        CHECK(code == C755_ERROR_MISSING_FIELD && error != NULL && strcmp(error->path, "personnel.csv") == 0 &&
              is_empty(out));
        c755_error_free(error);
        code = c755_audit_tables(policy, files, 2, "2016-03", NULL, &out, &error);
        CHECK(code == C755_ERROR_MISSING_FIELD && error != NULL && strcmp(error->path, "entries.csv") == 0);
        c755_error_free(error);
        memcpy(bad, files, sizeof bad);
        bad[2].data = u8("worksheet_id,id,at,activity,clearance_codes\nW1,E1,noon,obs,755\n");
        bad[2].len = strlen((const char *)bad[2].data);
        code = c755_audit_tables(policy, bad, 3, "2016-03", NULL, &out, &error);
        CHECK(code == C755_ERROR_INVALID_VALUE && error != NULL && strcmp(error->path, "entries.csv:2:at") == 0 &&
              error->line == 2 && is_empty(out));
        c755_error_free(error);
        memcpy(bad, files, sizeof bad);
        bad[1].len = 20; /* a length shorter than the text: the bytes given are judged (a cut header) */
        code = c755_audit_tables(policy, bad, 3, "2016-03", NULL, &out, NULL); /* error may be NULL */
        CHECK(code >= C755_ERROR_SYNTAX && code <= C755_ERROR_CONSTRAINT && is_empty(out));
        code = c755_audit_tables(policy, files, 3, "2016-13", NULL, &out, &error);
        CHECK(code == C755_ERROR_INVALID_VALUE && error != NULL && strcmp(error->path, "period") == 0);
        c755_error_free(error);
        code = c755_audit_tables(policy, files, 3, "2016-03-20..2016-03-14", NULL, &out, &error);
        CHECK(code == C755_ERROR_CONSTRAINT && error != NULL && strcmp(error->path, "period") == 0);
        c755_error_free(error);

        /* Through a mapping: the entries under another name, with `;`. */
        m = c755_mapping_from_toml(TEXT("[entries]\nfile = \"cad.csv\"\ndelimiter = \";\"\n"), &error);
        CHECK(m != NULL);
        memcpy(bad, files, sizeof bad);
        bad[2].name = "cad.csv";
        bad[2].data = u8("worksheet_id;id;at;activity;clearance_codes;category;card_provided\n"
                         "W1;E1;2016-03-17T09:12:00-07:00;obs;755;resident;true\n");
        bad[2].len = strlen((const char *)bad[2].data);
        {
            C755Bytes canonical = {NULL, 0};
            CHECK(c755_audit_tables(policy, files, 3, "2016-03-17", NULL, &canonical, NULL) == 0);
            code = c755_audit_tables(policy, bad, 3, "2016-03-17", m, &out, &error);
            CHECK(code == 0 && error == NULL && bytes_equal(out, (const char *)canonical.ptr, canonical.len));
            c755_bytes_free(canonical);
            c755_bytes_free(out);
        }
        c755_mapping_free(m);
    }

    /* A tabular vector's parts. */
    {
        const char *text = "{\"name\": \"t\", \"tables\": {\"period\": {\"start\": \"2016-03-01\", \"end\": \"2016-03-31\"}, "
                           "\"personnel.csv\": \"id,role\\n\", \"entries.csv\": {\"base64\": \"/wA=\"}}, "
                           "\"mapping\": {\"entries\": {\"delimiter\": \";\"}}, "
                           "\"expect\": {\"error\": {\"path\": \"worksheets.csv\"}}}";
        C755Vector *vector = c755_vector_parse(u8(text), strlen(text), &error);
        size_t count = 99;
        CHECK(vector != NULL && error == NULL);
        CHECK(c755_vector_dataset_json(vector, &out) == 0 && is_empty(out));
        CHECK(c755_vector_period(vector, &out) == 0 && bytes_equal_str(out, "2016-03-01..2016-03-31"));
        c755_bytes_free(out);
        CHECK(c755_vector_mapping_json(vector, &out) == 0 && bytes_equal_str(out, "{\"entries\": {\"delimiter\": \";\"}}"));
        c755_bytes_free(out);
        CHECK(c755_vector_table_count(vector, &count) == 0 && count == 2);
        CHECK(c755_vector_table_name(vector, 0, &out) == 0 && bytes_equal_str(out, "entries.csv"));
        c755_bytes_free(out);
        CHECK(c755_vector_table_name(vector, 1, &out) == 0 && bytes_equal_str(out, "personnel.csv"));
        c755_bytes_free(out);
        /* Bytes that are not UTF-8 (a NUL among them), exactly. */
        CHECK(c755_vector_table_data(vector, 0, &out) == 0 && bytes_equal(out, "\xff\0", 2));
        c755_bytes_free(out);
        CHECK(c755_vector_table_data(vector, 1, &out) == 0 && bytes_equal_str(out, "id,role\n"));
        c755_bytes_free(out);
        CHECK(c755_vector_table_name(vector, 2, &out) == C755_ERROR_ABI && is_empty(out));
        CHECK(c755_vector_table_data(vector, SIZE_MAX, &out) == C755_ERROR_ABI && is_empty(out));
        CHECK(c755_vector_table_name(vector, 0, NULL) == C755_ERROR_ABI);
        CHECK(c755_vector_table_data(vector, 0, NULL) == C755_ERROR_ABI);
        CHECK(c755_vector_table_count(vector, NULL) == C755_ERROR_ABI);
        CHECK(c755_vector_period(vector, NULL) == C755_ERROR_ABI);
        CHECK(c755_vector_mapping_json(vector, NULL) == C755_ERROR_ABI);
        /* A tabular vector's rejection path must be equal, not only a prefix. */
        code = c755_vector_judge_rejection(vector, "worksheets.csv", &out, &error);
        CHECK(code == 0 && error == NULL && is_empty(out));
        code = c755_vector_judge_rejection(vector, "worksheets.csv:1", &out, &error);
        CHECK(code == 0 && error == NULL && out.ptr != NULL);
        c755_bytes_free(out);
        c755_vector_free(vector);
    }
    CHECK(c755_vector_table_count(NULL, NULL) == C755_ERROR_ABI);
    CHECK(c755_vector_table_name(NULL, 0, &out) == C755_ERROR_ABI && is_empty(out));
    CHECK(c755_vector_table_data(NULL, 0, &out) == C755_ERROR_ABI && is_empty(out));
    CHECK(c755_vector_period(NULL, &out) == C755_ERROR_ABI && is_empty(out));
    CHECK(c755_vector_mapping_json(NULL, &out) == C755_ERROR_ABI && is_empty(out));

    /* Freeing NULL and empty does nothing. */
    out.ptr = NULL;
    out.len = 0;
    c755_bytes_free(out);
    c755_error_free(NULL);
    c755_policy_free(NULL);
    c755_mapping_free(NULL);
    c755_vector_free(NULL);
    passed++;

#ifdef C755_TEST_HOOKS
    code = c755_test_panic(&error);
    CHECK(code == C755_ERROR_INTERNAL && error != NULL && error->kind == C755_ERROR_INTERNAL &&
          error->path[0] == '\0' && strstr(error->message, "on purpose") == NULL);
    c755_error_free(error);
    CHECK(c755_test_panic(NULL) == C755_ERROR_INTERNAL);
    printf("the panic guard: checked (test hook)\n");
#else
    printf("the panic guard: NOT checked here (built without -DC755_TEST_HOOKS)\n");
#endif

    c755_policy_free(policy);
}

int main(int argc, char **argv) {
    int i, vectors_passed = 0, vectors_failed = 0;
    if (argc < 7) {
        fprintf(stderr, "usage: %s SAMPLE.json EXPECTED_REPORT.json ENTRY_CASES.txt SAMPLE_CSV CAD_EXPORT VECTOR.json...\n",
                argv[0]);
        return 2;
    }
    printf("contact755 %s\n", c755_version());

    misuse();
    printf("misuse and error paths: done\n");

    sample_month(argv[1], argv[2]);
    printf("sample month (once, then 4 threads sharing one policy): done\n");

    tables_month(argv[1], argv[2], argv[4], argv[5]);
    printf("the month as tables (canonical, CAD export with its mapping, 4 threads sharing both): done\n");

    entry_cases(argv[3]);

    for (i = 6; i < argc; i++) {
        if (run_vector(argv[i])) {
            vectors_passed++;
        } else {
            vectors_failed++;
        }
    }
    printf("conformance vectors: %d passed, %d failed (%d JSON, %d tables)\n", vectors_passed, vectors_failed,
           vectors_passed + vectors_failed - tables_vectors, tables_vectors);
    /* The tabular vectors are part of the run: none read would mean they were skipped. */
    check(tables_vectors > 0, "tabular conformance vectors were run", NULL);
    passed += vectors_passed;
    failed += vectors_failed;

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
