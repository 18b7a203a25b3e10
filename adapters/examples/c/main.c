/* rekey-shim: an implementation under test for rekey-harness, speaking adapter
 * protocol v1 (adapters/PROTOCOL.md) on stdin/stdout. One JSON request per line in,
 * one JSON response per line out, in order; stderr is the log. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto.h"
#include "epoch.h"
#include "handles.h"
#include "keyrot.h"
#include "proto.h"
#include "psp.h"

/* PROTOCOL.md "Pipelining and limits": 16 MiB per line, newline excluded. */
#define MAX_LINE (16u << 20)

#ifdef SEEDED_BUG
#define IMPL_NAME "rekey-shim-c (seeded bug)"
#else
#define IMPL_NAME "rekey-shim-c"
#endif

typedef json_t *(*op_fn)(json_t *args, struct err *e);

/* Every mechanism op this shim implements; hello lists exactly these. */
static const struct {
    const char *name;
    op_fn fn;
} OPS[] = {
    {"keyrot.nodes", op_keyrot_nodes},   {"keyrot.leaves", op_keyrot_leaves}, {"keyrot.key", op_keyrot_key},
    {"keyrot.seal", op_keyrot_seal},     {"keyrot.open", op_keyrot_open},     {"epoch.create", op_epoch_create},
    {"epoch.rekey", op_epoch_rekey},     {"epoch.send", op_epoch_send},       {"epoch.recv", op_epoch_recv},
    {"epoch.state", op_epoch_state},     {"psp.derive", op_psp_derive},       {"psp.encrypt", op_psp_encrypt},
    {"psp.decrypt", op_psp_decrypt},
};
#define NOPS (sizeof OPS / sizeof OPS[0])

static json_t *op_hello(json_t *args, struct err *e)
{
    json_t *versions = json_object_get(args, "versions"), *v, *ops = json_array();
    size_t i;
    int speaks_v1 = 0;
    json_array_foreach(versions, i, v) speaks_v1 |= json_is_integer(v) && json_integer_value(v) == 1;
    if (!speaks_v1) {
        json_decref(ops);
        return fail(e, "BAD_REQUEST", "versions: this shim speaks protocol version 1 only");
    }
    for (i = 0; ops && i < NOPS; i++)
        json_array_append_new(ops, json_string(OPS[i].name));
    return json_pack("{s:i,s:{s:s,s:s},s:o}", "version", 1, "implementation", "name", IMPL_NAME, "version", "1.0", "ops", ops);
}

static json_t *op_reset(json_t *args, struct err *e)
{
    (void)args, (void)e;
    handle_reset();
    return json_object();
}

static json_t *op_free(json_t *args, struct err *e)
{
    (void)e;
    return json_pack("{s:b}", "freed", handle_free(json_string_value(json_object_get(args, "handle"))));
}

static op_fn find_op(const char *name)
{
    static const struct {
        const char *name;
        op_fn fn;
    } core[] = {{"hello", op_hello}, {"reset", op_reset}, {"free", op_free}};
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
        if (strcmp(name, core[i].name) == 0)
            return core[i].fn;
    for (size_t i = 0; i < NOPS; i++)
        if (strcmp(name, OPS[i].name) == 0)
            return OPS[i].fn;
    return NULL;
}

static void respond_error(json_int_t id, const char *code, const char *message)
{
    json_t *r = json_pack("{s:I,s:b,s:{s:s,s:s}}", "id", id, "ok", 0, "error", "code", code, "message", message);
    if (r) {
        json_dumpf(r, stdout, JSON_COMPACT);
        putchar('\n');
    }
    json_decref(r);
}

/* Answer one request line. A line we cannot take an id from is answered with id 0,
 * as the reference shim does; the harness lists it as a stray response. */
static void handle_line(const char *line, size_t len)
{
    json_error_t jerr;
    json_t *req = json_loadb(line, len, 0, &jerr);
    json_t *jid = json_object_get(req, "id"), *jop = json_object_get(req, "op"), *args = json_object_get(req, "args");
    json_int_t id = json_is_integer(jid) && json_integer_value(jid) > 0 ? json_integer_value(jid) : 0;
    if (!req) {
        respond_error(0, "BAD_REQUEST", "line is not JSON");
    } else if (!id || !json_is_string(jop) || !json_is_object(args)) {
        respond_error(id, "BAD_REQUEST", "request needs id (integer >= 1), op (string), args (object)");
    } else {
        op_fn fn = find_op(json_string_value(jop));
        struct err e = {0};
        json_t *result = fn ? fn(args, &e) : fail(&e, "UNKNOWN_OP", "unknown op %.64s", json_string_value(jop));
        json_t *r = result ? json_pack("{s:I,s:b,s:o}", "id", id, "ok", 1, "result", result) : NULL;
        if (r) {
            json_dumpf(r, stdout, JSON_COMPACT);
            putchar('\n');
        } else {
            /* A handler that returns NULL without an error ran out of memory. */
            respond_error(id, e.code ? e.code : "INTERNAL", e.code ? e.message : "out of memory");
        }
        json_decref(r);
    }
    json_decref(req);
}

/* Read stdin in chunks, answer every complete line, flush once per chunk: responses
 * to a pipelined batch go out together, and nothing waits in our buffer while the
 * harness waits for it. */
static int serve(void)
{
    static char chunk[1 << 16];
    size_t cap = 1 << 16, len = 0;
    int overlong = 0;
    char *line = malloc(cap);
    if (!line)
        return 1;
    for (;;) {
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n; i++) {
            char c = chunk[i];
            if (c == '\n') {
                if (overlong)
                    respond_error(0, "BAD_REQUEST", "line too long");
                else if (len && line[len - 1] == '\r')
                    len--;
                if (!overlong && len)
                    handle_line(line, len);
                len = 0;
                overlong = 0;
            } else if (overlong) {
                continue;
            } else if (len == MAX_LINE) {
                overlong = 1;
            } else {
                if (len == cap) {
                    char *bigger = realloc(line, cap * 2);
                    if (!bigger) {
                        free(line);
                        return 1;
                    }
                    line = bigger;
                    cap *= 2;
                }
                line[len++] = c;
            }
        }
        fflush(stdout);
    }
    free(line);
    return 0;
}

int main(void)
{
    if (crypto_init() < 0) {
        fprintf(stderr, "rekey-shim: OpenSSL could not fetch HKDF, CMAC or AES-GCM\n");
        return 1;
    }
    int rc = serve();
    handle_reset();
    crypto_done();
    return rc;
}
