/* keyrot derivation and its stateless ops. Facts: DESIGN.md section 3 "keyrot"
 * (Ouroboros "irmd: Deliver flow re-keying", our profile o7s-keyrot-v1). */
#include "keyrot.h"

#include <openssl/crypto.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "crypto.h"

#define NODE_LABEL "o7s-keyrot-nodes"
#define LEAF_LABEL "o7s-keyrot-leaves"
/* HKDF-Expand-SHA256 yields at most 255 blocks of 32 bytes. */
#define MAX_EXPAND (255 * 32)

static const struct keyrot_profile DEFAULT_PROFILE = {
    .nodes = 128, .leaves_per_node = 64, .seq_bits = 20, .watermark = 512, .grace_ms = 2000,
};

static const struct {
    const char *name, *value;
} FIXED_STRINGS[] = {
    {"hash", "sha256"}, {"nodeLabel", NODE_LABEL}, {"leafLabel", LEAF_LABEL}, {"aead", "aes-256-gcm"},
};

static int log2_exact(int64_t x)
{
    int b = 0;
    while (((int64_t)1 << b) < x)
        b++;
    return b;
}

static int is_pow2(int64_t x)
{
    return x > 0 && (x & (x - 1)) == 0;
}

static int counter_bits(const struct keyrot_profile *p)
{
    return log2_exact(p->nodes) + log2_exact(p->leaves_per_node) + (int)p->seq_bits;
}

uint64_t keyrot_counter_limit(const struct keyrot_profile *p)
{
    return (uint64_t)1 << counter_bits(p);
}

int64_t keyrot_total_leaves(const struct keyrot_profile *p)
{
    return p->nodes * p->leaves_per_node;
}

/* Sets one numeric parameter from a profile entry; 1 if `k` is one, 0 if not, -1 bad. */
static int numeric_param(struct keyrot_profile *p, const char *k, json_t *v, struct err *e)
{
    static const struct {
        const char *name;
        size_t off;
    } params[] = {
        {"nodes", offsetof(struct keyrot_profile, nodes)},
        {"leavesPerNode", offsetof(struct keyrot_profile, leaves_per_node)},
        {"seqBits", offsetof(struct keyrot_profile, seq_bits)},
        {"watermark", offsetof(struct keyrot_profile, watermark)},
        {"graceMs", offsetof(struct keyrot_profile, grace_ms)},
    };
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++)
        if (strcmp(k, params[i].name) == 0) {
            if (!json_is_integer(v)) {
                fail(e, "BAD_REQUEST", "profile.%s: expected an integer", k);
                return -1;
            }
            *(int64_t *)((char *)p + params[i].off) = json_integer_value(v);
            return 1;
        }
    return 0;
}

/* Sets nothing: a string parameter must be its default. 1 if `k` is one, 0 if not, -1 bad. */
static int string_param(const char *k, json_t *v, struct err *e)
{
    for (size_t i = 0; i < sizeof FIXED_STRINGS / sizeof FIXED_STRINGS[0]; i++)
        if (strcmp(k, FIXED_STRINGS[i].name) == 0) {
            if (!json_is_string(v)) {
                fail(e, "BAD_REQUEST", "profile.%s: expected a string", k);
                return -1;
            }
            if (strcmp(json_string_value(v), FIXED_STRINGS[i].value) != 0) {
                fail(e, "UNSUPPORTED", "profile.%s: only %s is implemented", k, FIXED_STRINGS[i].value);
                return -1;
            }
            return 1;
        }
    return 0;
}

int keyrot_profile_arg(json_t *args, struct keyrot_profile *p, struct err *e)
{
    json_t *o = json_object_get(args, "profile"), *v;
    const char *k;
    *p = DEFAULT_PROFILE;
    if (!o)
        return 0;
    if (!json_is_object(o)) {
        fail(e, "BAD_REQUEST", "profile: expected an object");
        return -1;
    }
    json_object_foreach(o, k, v)
    {
        int r = numeric_param(p, k, v, e);
        if (r == 0)
            r = string_param(k, v, e);
        if (r < 0)
            return -1;
        if (r == 0) {
            fail(e, "BAD_REQUEST", "profile.%.64s: unknown parameter", k);
            return -1;
        }
    }
    /* The same limits as the reference model (harness/model/keyrot/profile.ts). */
    const char *why = NULL;
    if (!is_pow2(p->nodes) || !is_pow2(p->leaves_per_node))
        why = "nodes and leavesPerNode must be powers of two";
    else if (p->seq_bits < 0 || p->seq_bits > 32)
        why = "seqBits must be 0..32";
    else if (counter_bits(p) > 52)
        why = "counter layout exceeds 52 bits";
    else if (p->nodes * KEYROT_KEY_LEN > MAX_EXPAND || p->leaves_per_node * KEYROT_KEY_LEN > MAX_EXPAND)
        why = "expansion exceeds HKDF limit";
    else if (p->watermark < 0)
        why = "watermark must be >= 0";
    else if (p->grace_ms < 0)
        why = "graceMs must be >= 0";
    if (why) {
        fail(e, "BAD_REQUEST", "profile: %s", why);
        return -1;
    }
    return 0;
}

struct keyrot_split keyrot_split_counter(const struct keyrot_profile *p, uint64_t ctr)
{
    uint64_t leaf_index = ctr >> p->seq_bits;
    struct keyrot_split s = {
        .node = leaf_index >> log2_exact(p->leaves_per_node),
        .leaf = leaf_index & (uint64_t)(p->leaves_per_node - 1),
        .seq = ctr & (((uint64_t)1 << p->seq_bits) - 1),
    };
    return s;
}

/* nodes = HKDF-Expand-SHA256(PRK = seed, info = "o7s-keyrot-nodes", L = nodes x 32). */
struct keyrot_tree *keyrot_tree_new(const struct keyrot_profile *p, const uint8_t seed[KEYROT_SEED_LEN])
{
    struct keyrot_tree *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->p = *p;
    t->nodes = malloc((size_t)p->nodes * KEYROT_KEY_LEN);
    if (!t->nodes || hkdf_expand_sha256(seed, KEYROT_SEED_LEN, (const uint8_t *)NODE_LABEL, strlen(NODE_LABEL),
                                        t->nodes, (size_t)p->nodes * KEYROT_KEY_LEN) < 0) {
        free(t->nodes);
        free(t);
        return NULL;
    }
    return t;
}

void keyrot_tree_free(struct keyrot_tree *t)
{
    if (!t)
        return;
    OPENSSL_cleanse(t->nodes, (size_t)t->p.nodes * KEYROT_KEY_LEN);
    free(t->nodes);
    free(t);
}

/* leaves(node, dir) = HKDF-Expand-SHA256(PRK = node key, info = "o7s-keyrot-leaves" || dir,
 * L = leavesPerNode x 32). HKDF output is a prefix stream (T(1) || T(2) || ...), so the
 * first `count` leaves do not depend on how many are asked for. */
static int leaves(const struct keyrot_tree *t, uint64_t node, int dir, size_t count, uint8_t *out)
{
    uint8_t info[sizeof LEAF_LABEL];
    memcpy(info, LEAF_LABEL, sizeof LEAF_LABEL - 1);
#ifdef SEEDED_BUG
    /* Seeded bug (KEYROT-003): both directions share one leaf set. */
    (void)dir;
    info[sizeof LEAF_LABEL - 1] = 0;
#else
    info[sizeof LEAF_LABEL - 1] = (uint8_t)dir;
#endif
    return hkdf_expand_sha256(t->nodes + node * KEYROT_KEY_LEN, KEYROT_KEY_LEN, info, sizeof info, out,
                              count * KEYROT_KEY_LEN);
}

int keyrot_tree_key(const struct keyrot_tree *t, int dir, uint64_t ctr, uint8_t key[KEYROT_KEY_LEN])
{
    struct keyrot_split s = keyrot_split_counter(&t->p, ctr);
    uint8_t all[MAX_EXPAND];
    int r = leaves(t, s.node, dir, s.leaf + 1, all);
    if (r == 0)
        memcpy(key, all + s.leaf * KEYROT_KEY_LEN, KEYROT_KEY_LEN);
    OPENSSL_cleanse(all, sizeof all);
    return r;
}

/* Nonce: byte 0 = (epoch & 1) << 7, bytes 1..3 = 0, bytes 4..11 = ctr big-endian. */
static void make_nonce(int epoch, uint64_t ctr, uint8_t n[KEYROT_NONCE_LEN])
{
    memset(n, 0, KEYROT_NONCE_LEN);
    n[0] = (uint8_t)((epoch & 1) << 7);
    for (int i = 0; i < 8; i++)
        n[4 + i] = (uint8_t)(ctr >> (56 - 8 * i));
}

const char *keyrot_parse_nonce(const struct keyrot_profile *p, const uint8_t *pkt, size_t len, int *parity, uint64_t *ctr)
{
    if (len < KEYROT_OVERHEAD)
        return "TRUNCATED";
    if ((pkt[0] & 0x7f) || pkt[1] || pkt[2] || pkt[3])
        return "BAD_NONCE";
    uint64_t c = 0;
    for (int i = 0; i < 8; i++)
        c = c << 8 | pkt[4 + i];
    if (c >= keyrot_counter_limit(p))
        return "CTR_RANGE";
    *parity = pkt[0] >> 7;
    *ctr = c;
    return NULL;
}

int keyrot_seal(const uint8_t key[KEYROT_KEY_LEN], int epoch, uint64_t ctr, const uint8_t *pt, size_t len, uint8_t *out)
{
    make_nonce(epoch, ctr, out);
    return aes_gcm_seal(key, KEYROT_KEY_LEN, out, NULL, 0, pt, len, out + KEYROT_NONCE_LEN);
}

int keyrot_open(const uint8_t key[KEYROT_KEY_LEN], const uint8_t *pkt, size_t len, uint8_t *pt)
{
    return aes_gcm_open(key, KEYROT_KEY_LEN, pkt, NULL, 0, pkt + KEYROT_NONCE_LEN, len - KEYROT_NONCE_LEN, pt);
}

/* ---- ops ---- */

/* The arguments most keyrot ops share; absent ones are not read. */
struct common {
    struct keyrot_profile p;
    struct keyrot_tree *tree;
    int64_t dir, epoch;
};

static int common_args(json_t *args, int want_dir, int want_epoch, struct common *c, struct err *e)
{
    uint8_t seed[KEYROT_SEED_LEN];
    c->tree = NULL;
    if (keyrot_profile_arg(args, &c->p, e) < 0 || arg_hex_fixed(args, "seed", seed, sizeof seed, e) < 0)
        return -1;
    if ((want_dir && arg_int(args, "dir", 0, 1, &c->dir, e) < 0) ||
        (want_epoch && arg_int(args, "epoch", 0, 255, &c->epoch, e) < 0)) {
        OPENSSL_cleanse(seed, sizeof seed);
        return -1;
    }
    c->tree = keyrot_tree_new(&c->p, seed);
    OPENSSL_cleanse(seed, sizeof seed);
    if (!c->tree) {
        fail(e, "INTERNAL", "HKDF failed");
        return -1;
    }
    return 0;
}

static json_t *invalid(const char *reason)
{
    return json_pack("{s:b,s:s}", "valid", 0, "reason", reason);
}

/* Array of n 32-byte keys as hex. */
static json_t *key_array(const uint8_t *keys, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        if (json_array_append_new(a, json_hex(keys + i * KEYROT_KEY_LEN, KEYROT_KEY_LEN)) < 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

json_t *op_keyrot_nodes(json_t *args, struct err *e)
{
    struct common c;
    if (common_args(args, 0, 0, &c, e) < 0)
        return NULL;
    json_t *r = json_pack("{s:o}", "nodes", key_array(c.tree->nodes, (size_t)c.p.nodes));
    keyrot_tree_free(c.tree);
    return r;
}

json_t *op_keyrot_leaves(json_t *args, struct err *e)
{
    struct common c;
    int64_t node;
    if (common_args(args, 1, 0, &c, e) < 0)
        return NULL;
    if (arg_int(args, "node", 0, c.p.nodes - 1, &node, e) < 0) {
        keyrot_tree_free(c.tree);
        return NULL;
    }
    uint8_t all[MAX_EXPAND];
    json_t *r = NULL;
    if (leaves(c.tree, (uint64_t)node, (int)c.dir, (size_t)c.p.leaves_per_node, all) < 0)
        fail(e, "INTERNAL", "HKDF failed");
    else
        r = json_pack("{s:o}", "leaves", key_array(all, (size_t)c.p.leaves_per_node));
    OPENSSL_cleanse(all, sizeof all);
    keyrot_tree_free(c.tree);
    return r;
}

json_t *op_keyrot_key(json_t *args, struct err *e)
{
    struct common c;
    int64_t ctr;
    if (arg_int(args, "ctr", 0, MAX_SAFE_INT, &ctr, e) < 0 || common_args(args, 1, 1, &c, e) < 0)
        return NULL;
    json_t *r = NULL;
    uint8_t key[KEYROT_KEY_LEN], nonce[KEYROT_NONCE_LEN];
    if ((uint64_t)ctr >= keyrot_counter_limit(&c.p)) {
        r = invalid("CTR_EXHAUSTED");
    } else if (keyrot_tree_key(c.tree, (int)c.dir, (uint64_t)ctr, key) < 0) {
        fail(e, "INTERNAL", "HKDF failed");
    } else {
        struct keyrot_split s = keyrot_split_counter(&c.p, (uint64_t)ctr);
        make_nonce((int)c.epoch, (uint64_t)ctr, nonce);
        r = json_pack("{s:b,s:I,s:I,s:I,s:o,s:o}", "valid", 1, "node", (json_int_t)s.node, "leaf", (json_int_t)s.leaf,
                      "seq", (json_int_t)s.seq, "key", json_hex(key, sizeof key), "nonce", json_hex(nonce, sizeof nonce));
        OPENSSL_cleanse(key, sizeof key);
    }
    keyrot_tree_free(c.tree);
    return r;
}

json_t *op_keyrot_seal(json_t *args, struct err *e)
{
    struct common c;
    struct buf pt;
    int64_t ctr;
    if (arg_int(args, "ctr", 0, MAX_SAFE_INT, &ctr, e) < 0 || arg_hex(args, "plaintext", ANY_LEN, &pt, e) < 0)
        return NULL;
    if (common_args(args, 1, 1, &c, e) < 0) {
        buf_free(&pt);
        return NULL;
    }
    json_t *r = NULL;
    uint8_t key[KEYROT_KEY_LEN];
    uint8_t *pkt = malloc(pt.n + KEYROT_OVERHEAD);
    if ((uint64_t)ctr >= keyrot_counter_limit(&c.p))
        r = invalid("CTR_EXHAUSTED");
    else if (!pkt || keyrot_tree_key(c.tree, (int)c.dir, (uint64_t)ctr, key) < 0 ||
             keyrot_seal(key, (int)c.epoch, (uint64_t)ctr, pt.p, pt.n, pkt) < 0)
        fail(e, "INTERNAL", "sealing failed");
    else
        r = json_pack("{s:b,s:o}", "valid", 1, "packet", json_hex(pkt, pt.n + KEYROT_OVERHEAD));
    OPENSSL_cleanse(key, sizeof key);
    free(pkt);
    buf_free(&pt);
    keyrot_tree_free(c.tree);
    return r;
}

json_t *op_keyrot_open(json_t *args, struct err *e)
{
    struct common c;
    struct buf pkt;
    if (arg_hex(args, "packet", ANY_LEN, &pkt, e) < 0)
        return NULL;
    if (common_args(args, 1, 1, &c, e) < 0) {
        buf_free(&pkt);
        return NULL;
    }
    json_t *r = NULL;
    int parity;
    uint64_t ctr;
    uint8_t key[KEYROT_KEY_LEN];
    const char *reason = keyrot_parse_nonce(&c.p, pkt.p, pkt.n, &parity, &ctr);
    if (!reason && parity != (c.epoch & 1))
        reason = "EPOCH_MISMATCH";
    if (reason) {
        r = invalid(reason);
    } else {
        uint8_t *pt = malloc(pkt.n - KEYROT_OVERHEAD + 1);
        int ok = pt && keyrot_tree_key(c.tree, (int)c.dir, ctr, key) == 0 ? keyrot_open(key, pkt.p, pkt.n, pt) : -1;
        if (ok < 0)
            fail(e, "INTERNAL", "opening failed");
        else if (ok == 0)
            r = invalid("AUTH_FAILED");
        else
            r = json_pack("{s:b,s:I,s:o}", "valid", 1, "ctr", (json_int_t)ctr, "plaintext",
                          json_hex(pt, pkt.n - KEYROT_OVERHEAD));
        OPENSSL_cleanse(key, sizeof key);
        free(pt);
    }
    buf_free(&pkt);
    keyrot_tree_free(c.tree);
    return r;
}
