/* keyrot derivation, profile o7s-keyrot-v1 (adapters/protocol/keyrot.md):
 * seed -> node keys -> per-direction leaf keys; counter layout; nonce and packet. */
#ifndef REKEY_SHIM_KEYROT_H
#define REKEY_SHIM_KEYROT_H

#include <jansson.h>
#include <stdint.h>

#include "proto.h"

#define KEYROT_KEY_LEN 32
#define KEYROT_SEED_LEN 32
#define KEYROT_NONCE_LEN 12
#define KEYROT_OVERHEAD (KEYROT_NONCE_LEN + 16)

/* The numeric profile parameters. The string ones (hash, labels, aead) must keep
 * their defaults: this shim answers UNSUPPORTED to anything else. */
struct keyrot_profile {
    int64_t nodes, leaves_per_node, seq_bits, watermark, grace_ms;
};

/* args.profile merged onto the defaults, checked as the reference does. */
int keyrot_profile_arg(json_t *args, struct keyrot_profile *p, struct err *e);
uint64_t keyrot_counter_limit(const struct keyrot_profile *p);
int64_t keyrot_total_leaves(const struct keyrot_profile *p);

/* ctr = node << (log2 leavesPerNode + seqBits) | leaf << seqBits | seq; ctr < limit. */
struct keyrot_split {
    uint64_t node, leaf, seq;
};
struct keyrot_split keyrot_split_counter(const struct keyrot_profile *p, uint64_t ctr);

/* One seed's node keys; the seed itself is not kept. */
struct keyrot_tree {
    struct keyrot_profile p;
    uint8_t *nodes; /* p.nodes x 32 bytes */
};
struct keyrot_tree *keyrot_tree_new(const struct keyrot_profile *p, const uint8_t seed[KEYROT_SEED_LEN]);
void keyrot_tree_free(struct keyrot_tree *t);
/* The leaf key protecting counter ctr (< limit) in direction dir. */
int keyrot_tree_key(const struct keyrot_tree *t, int dir, uint64_t ctr, uint8_t key[KEYROT_KEY_LEN]);

/* Reads a packet's nonce: NULL when well formed, else the drop reason
 * (TRUNCATED, BAD_NONCE, CTR_RANGE). */
const char *keyrot_parse_nonce(const struct keyrot_profile *p, const uint8_t *pkt, size_t len, int *parity, uint64_t *ctr);
/* out (len + 28 bytes) = nonce || ciphertext || tag. */
int keyrot_seal(const uint8_t key[KEYROT_KEY_LEN], int epoch, uint64_t ctr, const uint8_t *pt, size_t len, uint8_t *out);
/* 1 authentic (pt gets len - 28 bytes), 0 not, -1 library failure. */
int keyrot_open(const uint8_t key[KEYROT_KEY_LEN], const uint8_t *pkt, size_t len, uint8_t *pt);

/* Op handlers. */
json_t *op_keyrot_nodes(json_t *args, struct err *e);
json_t *op_keyrot_leaves(json_t *args, struct err *e);
json_t *op_keyrot_key(json_t *args, struct err *e);
json_t *op_keyrot_seal(json_t *args, struct err *e);
json_t *op_keyrot_open(json_t *args, struct err *e);

#endif
