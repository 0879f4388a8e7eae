/* The header alone, compiled as C89, C99 and C++ by scripts/test-c.sh (syntax only): every
 * type is usable and every declaration parses in each language. */
#include "contact755.h"

int header_check(void);

int header_check(void) {
    C755Bytes bytes = {0, 0};
    C755Error *error = 0;
    C755Policy *policy = 0;
    C755Vector *vector = 0;
    C755Mapping *mapping = 0;
    C755Table table = {0, 0, 0};
    int32_t (*audit)(const C755Policy *, const uint8_t *, size_t, C755Bytes *, C755Error **) = c755_audit_json;
    int32_t (*audit_tables)(const C755Policy *, const C755Table *, size_t, const char *, const C755Mapping *,
                            C755Bytes *, C755Error **) = c755_audit_tables;
    int kinds = C755_OK + C755_ERROR_SYNTAX + C755_ERROR_CONSTRAINT + C755_ERROR_ABI + C755_ERROR_INTERNAL +
                C755_ERROR_NOT_A_VECTOR + C755_ERROR_MAPPING + C755_ERROR_MAPPING_SYNTAX +
                C755_ERROR_MAPPING_CONSTRAINT;
    (void)audit;
    (void)audit_tables;
    (void)mapping;
    (void)table;
    (void)policy;
    (void)vector;
    (void)error;
    return kinds + (int)bytes.len;
}
