/*
 * The C ABI of contact755, tested from C (scripts/test-c.sh builds and runs this program with
 * AddressSanitizer and UndefinedBehaviorSanitizer, then again under valgrind).
 *
 *   test_contact755 SAMPLE.json EXPECTED_REPORT.json ENTRY_CASES.txt VECTOR.json...
 *
 * SAMPLE.json          a dataset (examples/data/sample-month.json)
 * EXPECTED_REPORT.json what `cargo run --release --example audit -- --json SAMPLE.json` wrote
 * ENTRY_CASES.txt      lines of (worksheet, entry, expected findings) written by the
 *                      entry_cases example from the core's typed check_entry
 * VECTOR.json...       conformance vectors (SPEC section 5), run through the ABI and judged by
 *                      the core's judge
 *
 * Prints one line per failed check, a count per part, and ends with `N passed, M failed`;
 * exits 1 when a check failed. Built with -DC755_TEST_HOOKS against a library built with the
 * cargo feature `test-hooks`, it also proves that a panic inside the library becomes
 * C755_ERROR_INTERNAL.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* A rejection as the SPEC describes it: a core kind (1..7), a path (empty only for a syntax
 * error, which has a line), a message, and the code returned equal to the kind. */
static int is_rejection(int32_t code, const C755Error *e) {
    if (e == NULL || e->path == NULL || e->message == NULL || e->message[0] == '\0') return 0;
    if (e->kind < C755_ERROR_SYNTAX || e->kind > C755_ERROR_CONSTRAINT || code != e->kind) return 0;
    if (e->kind == C755_ERROR_SYNTAX) return e->path[0] == '\0' && e->line > 0 && e->column > 0;
    return c755_error_kind_name(e->kind) != NULL;
}

/* ---- conformance vectors ---------------------------------------------------------------- */

/* Runs one vector through the ABI and the core's judge; 1 when it passes. */
static int run_vector(const char *file) {
    size_t len;
    char *text = read_file(file, &len);
    C755Error *error = NULL;
    C755Vector *vector = c755_vector_parse(u8(text), len, &error);
    C755Bytes policy_json = {NULL, 0}, dataset = {NULL, 0}, report = {NULL, 0}, failure = {NULL, 0};
    C755Policy *policy = NULL;
    int ok = 0;
    int32_t code;
    free(text);
    if (vector == NULL) {
        printf("FAIL %s: %s\n", file, error ? error->message : "(no error)");
        c755_error_free(error);
        return 0;
    }
    if (c755_vector_policy_json(vector, &policy_json) != 0 || c755_vector_dataset_json(vector, &dataset) != 0) {
        printf("FAIL %s: the vector's parts could not be read\n", file);
        goto done;
    }
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
        code = c755_audit_json(policy, dataset.ptr, dataset.len, &report, &error);
        if (code != 0) {
            if (!is_rejection(code, error) || !is_empty(report)) {
                printf("FAIL %s: the dataset's error is not a well-formed rejection\n", file);
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

    /* Freeing NULL and empty does nothing. */
    out.ptr = NULL;
    out.len = 0;
    c755_bytes_free(out);
    c755_error_free(NULL);
    c755_policy_free(NULL);
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
    if (argc < 5) {
        fprintf(stderr, "usage: %s SAMPLE.json EXPECTED_REPORT.json ENTRY_CASES.txt VECTOR.json...\n", argv[0]);
        return 2;
    }
    printf("contact755 %s\n", c755_version());

    misuse();
    printf("misuse and error paths: done\n");

    sample_month(argv[1], argv[2]);
    printf("sample month (once, then 4 threads sharing one policy): done\n");

    entry_cases(argv[3]);

    for (i = 4; i < argc; i++) {
        if (run_vector(argv[i])) {
            vectors_passed++;
        } else {
            vectors_failed++;
        }
    }
    printf("conformance vectors: %d passed, %d failed\n", vectors_passed, vectors_failed);
    passed += vectors_passed;
    failed += vectors_failed;

    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
