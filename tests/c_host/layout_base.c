/* layout_base.c - pins the binary layout of kam/base.h (x86_64, LP64): money, buffer, actor, config source, versions, status codes, kam_status, as literal
 * numbers (see abi_layout_test.c). Includes only its own header, so it also proves that the header
 * compiles on its own as C99 with -pedantic. */
#include <stdint.h>
#include <string.h>

#include "kam/base.h"
#include "layout_check.h"

void test_layout_base(void) {
    SIZE(kam_money, 16, 8);
    MEMBER(kam_money, minor_units, 0, 8);
    MEMBER(kam_money, currency, 8, 4);
    MEMBER(kam_money, reserved0, 12, 4);

    SIZE(kam_buffer, 32, 8);
    MEMBER(kam_buffer, struct_size, 0, 4);
    MEMBER(kam_buffer, reserved0, 4, 4);
    MEMBER(kam_buffer, data, 8, 8);
    MEMBER(kam_buffer, length, 16, 8);
    MEMBER(kam_buffer, internal, 24, 8);

    SIZE(kam_actor, 24, 8);
    MEMBER(kam_actor, struct_size, 0, 4);
    MEMBER(kam_actor, role_count, 4, 4);
    MEMBER(kam_actor, user_id, 8, 8);
    MEMBER(kam_actor, roles, 16, 8);

    SIZE(kam_config_source, 32, 8);
    MEMBER(kam_config_source, struct_size, 0, 4);
    MEMBER(kam_config_source, reserved0, 4, 4);
    MEMBER(kam_config_source, path, 8, 8);
    MEMBER(kam_config_source, text, 16, 8);
    MEMBER(kam_config_source, name, 24, 8);

    CONSTANT(KAM_ABI_VERSION_MAJOR, 1);
    CONSTANT(KAM_ABI_VERSION_MINOR, 5);
    check_value("KAM_ENTRY_SYMBOL is \"kam_get_api\"", strcmp(KAM_ENTRY_SYMBOL, "kam_get_api"), 0);
    CONSTANT(KAM_OK, 0);
    CONSTANT(KAM_ERR_INVALID_ARGUMENT, 1);
    CONSTANT(KAM_ERR_VERSION, 2);
    CONSTANT(KAM_ERR_CONFIG, 3);
    CONSTANT(KAM_ERR_STORE, 4);
    CONSTANT(KAM_ERR_NOT_FOUND, 5);
    CONSTANT(KAM_ERR_CONFLICT, 6);
    CONSTANT(KAM_ERR_PERMISSION, 7);
    CONSTANT(KAM_ERR_BATCH_REJECTED, 8);
    CONSTANT(KAM_ERR_SCHEMA_TOO_NEW, 9);
    CONSTANT(KAM_ERR_UNSUPPORTED, 10);
    CONSTANT(KAM_ERR_BUSY, 11);
    CONSTANT(KAM_ERR_OUT_OF_MEMORY, 12);
    CONSTANT(KAM_ERR_INTERNAL, 13);
    SAME_TYPE(kam_status, int32_t);
}
