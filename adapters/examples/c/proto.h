/* Adapter protocol v1 plumbing shared by every op: errors, argument readers, hex.
 * An op handler takes the request's args object and returns a new result object,
 * or NULL with `struct err` filled in (answered as {"ok":false,"error":{...}}). */
#ifndef REKEY_SHIM_PROTO_H
#define REKEY_SHIM_PROTO_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* Every integer in protocol v1 fits in 2^53 (PROTOCOL.md "Bytes, numbers, time"). */
#define MAX_SAFE_INT ((int64_t)9007199254740991LL)
/* Any length: for arg_hex. */
#define ANY_LEN ((size_t)-1)

struct err {
    const char *code; /* BAD_REQUEST, UNKNOWN_OP, UNKNOWN_HANDLE, UNSUPPORTED, INTERNAL */
    char message[256];
};

/* Fill in an error and return NULL, so handlers can `return fail(...)`. */
void *fail(struct err *e, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A heap byte string; buf_free wipes it (it may hold keys). */
struct buf {
    uint8_t *p;
    size_t n;
};
void buf_free(struct buf *b);

/* Argument readers: 0 on success, -1 with a BAD_REQUEST naming the field. */
int arg_hex(json_t *args, const char *k, size_t want, struct buf *out, struct err *e);
int arg_hex_fixed(json_t *args, const char *k, uint8_t *out, size_t n, struct err *e);
int arg_int(json_t *args, const char *k, int64_t min, int64_t max, int64_t *out, struct err *e);
int arg_int_opt(json_t *args, const char *k, int64_t dflt, int64_t min, int64_t max, int64_t *out, struct err *e);
int arg_bool_opt(json_t *args, const char *k, int *out, struct err *e);
/* Index of the string value in `allowed` (NULL-terminated). */
int arg_enum(json_t *args, const char *k, const char *const *allowed, int *out, struct err *e);

/* Lowercase hex string of n bytes (a new reference). */
json_t *json_hex(const uint8_t *p, size_t n);

#endif
