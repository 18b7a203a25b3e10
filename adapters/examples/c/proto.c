/* Argument readers and hex: every malformed argument is a BAD_REQUEST naming the field. */
#include "proto.h"

#include <openssl/crypto.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *fail(struct err *e, const char *code, const char *fmt, ...)
{
    va_list ap;
    e->code = code;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return NULL;
}

void buf_free(struct buf *b)
{
    if (b->p) {
        OPENSSL_cleanse(b->p, b->n);
        free(b->p);
    }
    b->p = NULL;
    b->n = 0;
}

static int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1; /* uppercase is not protocol hex */
}

/* Decode a lowercase even-length hex string; returns the byte count or -1. */
static long unhex(const char *s, size_t len, uint8_t *out)
{
    if (len % 2)
        return -1;
    for (size_t i = 0; i < len / 2; i++) {
        int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(len / 2);
}

int arg_hex(json_t *args, const char *k, size_t want, struct buf *out, struct err *e)
{
    json_t *v = json_object_get(args, k);
    out->p = NULL;
    out->n = 0;
    if (!json_is_string(v)) {
        fail(e, "BAD_REQUEST", "%s: expected lowercase hex", k);
        return -1;
    }
    size_t len = json_string_length(v);
    if (want != ANY_LEN && len != 2 * want) {
        fail(e, "BAD_REQUEST", "%s: expected %zu bytes, got %zu hex digits", k, want, len);
        return -1;
    }
    out->p = malloc(len / 2 + 1); /* +1: malloc(0) may return NULL */
    if (!out->p) {
        fail(e, "INTERNAL", "out of memory");
        return -1;
    }
    if (unhex(json_string_value(v), len, out->p) < 0) {
        free(out->p);
        out->p = NULL;
        fail(e, "BAD_REQUEST", "%s: expected lowercase hex", k);
        return -1;
    }
    out->n = len / 2;
    return 0;
}

int arg_hex_fixed(json_t *args, const char *k, uint8_t *out, size_t n, struct err *e)
{
    struct buf b;
    if (arg_hex(args, k, n, &b, e) < 0)
        return -1;
    memcpy(out, b.p, n);
    buf_free(&b);
    return 0;
}

int arg_int(json_t *args, const char *k, int64_t min, int64_t max, int64_t *out, struct err *e)
{
    json_t *v = json_object_get(args, k);
    if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
        fail(e, "BAD_REQUEST", "%s: expected an integer in [%lld, %lld]", k, (long long)min, (long long)max);
        return -1;
    }
    *out = json_integer_value(v);
    return 0;
}

int arg_int_opt(json_t *args, const char *k, int64_t dflt, int64_t min, int64_t max, int64_t *out, struct err *e)
{
    if (!json_object_get(args, k)) {
        *out = dflt;
        return 0;
    }
    return arg_int(args, k, min, max, out, e);
}

int arg_bool_opt(json_t *args, const char *k, int *out, struct err *e)
{
    json_t *v = json_object_get(args, k);
    *out = 0;
    if (!v)
        return 0;
    if (!json_is_boolean(v)) {
        fail(e, "BAD_REQUEST", "%s: expected a boolean", k);
        return -1;
    }
    *out = json_is_true(v);
    return 0;
}

int arg_enum(json_t *args, const char *k, const char *const *allowed, int *out, struct err *e)
{
    const char *s = json_string_value(json_object_get(args, k));
    for (int i = 0; s && allowed[i]; i++)
        if (strcmp(s, allowed[i]) == 0) {
            *out = i;
            return 0;
        }
    fail(e, "BAD_REQUEST", "%s: expected one of the allowed strings", k);
    return -1;
}

json_t *json_hex(const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char *s = malloc(2 * n + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 15];
    }
    json_t *j = json_stringn(s, 2 * n);
    free(s);
    return j;
}
