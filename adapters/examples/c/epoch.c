/* Epoch grace. Facts: DESIGN.md section 3 "epoch grace" (Ouroboros seed 000: "TX holds
 * the old epoch until the peer is observed on the new one (or a grace deadline
 * elapses), promoted from both the read and write paths"). Time is the `now` argument. */
#include "epoch.h"

#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "handles.h"
#include "keyrot.h"

struct epoch_keys {
    int epoch; /* uint8 */
    struct keyrot_tree *tree;
};

struct endpoint {
    struct keyrot_profile p;
    int tx_dir; /* initiator sends direction 0 */
    /* RX epochs, oldest first (at most two, of different parity); TX is one of them. */
    struct epoch_keys rx[2];
    int nrx, tx;
    uint64_t tx_ctr;
    int has_pending, pending_epoch;
    int64_t pending_deadline;
    int has_old, old_epoch;
    int64_t old_expires;
    int rekey_signalled;
};

static void endpoint_free(void *o)
{
    struct endpoint *ep = o;
    for (int i = 0; i < ep->nrx; i++)
        keyrot_tree_free(ep->rx[i].tree);
    free(ep);
}

static json_t *state_json(const struct endpoint *ep)
{
    json_t *rx = json_array();
    for (int i = 0; rx && i < ep->nrx; i++)
        json_array_append_new(rx, json_integer(ep->rx[i].epoch));
    json_t *pending = ep->has_pending ? json_pack("{s:i,s:I}", "epoch", ep->pending_epoch, "deadline", (json_int_t)ep->pending_deadline)
                                      : json_null();
    json_t *old = ep->has_old ? json_pack("{s:i,s:I}", "epoch", ep->old_epoch, "expires", (json_int_t)ep->old_expires) : json_null();
    return json_pack("{s:i,s:I,s:o,s:o,s:o,s:b}", "txEpoch", ep->rx[ep->tx].epoch, "txCtr", (json_int_t)ep->tx_ctr, "rxEpochs", rx,
                     "pending", pending, "oldRx", old, "rekeySignalled", ep->rekey_signalled);
}

static void push(json_t *events, json_t *ev)
{
    json_array_append_new(events, ev);
}

/* The old RX epoch is wiped once its grace is over. */
static void expire(struct endpoint *ep, int64_t now, json_t *events)
{
    if (!ep->has_old || now < ep->old_expires)
        return;
    for (int i = 0; i < ep->nrx; i++)
        if (ep->rx[i].epoch == ep->old_epoch) {
            keyrot_tree_free(ep->rx[i].tree);
            memmove(&ep->rx[i], &ep->rx[i + 1], (size_t)(ep->nrx - i - 1) * sizeof ep->rx[0]);
            ep->nrx--;
            if (ep->tx > i)
                ep->tx--;
            break;
        }
    ep->has_old = 0;
    push(events, json_pack("{s:s,s:i}", "type", "RX_EPOCH_WIPED", "epoch", ep->old_epoch));
}

/* TX moves to the pending epoch at counter 0; the old one is kept for RX for a grace. */
static void promote(struct endpoint *ep, int64_t now, const char *cause, json_t *events)
{
    int from = ep->rx[ep->tx].epoch;
    for (int i = 0; i < ep->nrx; i++)
        if (ep->rx[i].epoch == ep->pending_epoch)
            ep->tx = i;
    push(events, json_pack("{s:s,s:i,s:i,s:s}", "type", "TX_PROMOTED", "from", from, "to", ep->pending_epoch, "cause", cause));
    ep->has_old = 1;
    ep->old_epoch = from;
    ep->old_expires = now + ep->p.grace_ms;
    ep->tx_ctr = 0;
    ep->rekey_signalled = 0;
    ep->has_pending = 0;
}

/* Run on every read and write: deadline promotion, then old-epoch expiry. */
static void tick(struct endpoint *ep, int64_t now, json_t *events)
{
    if (ep->has_pending && now >= ep->pending_deadline)
        promote(ep, now, "deadline", events);
    expire(ep, now, events);
}

/* Adds events and state to a result and returns it. */
static json_t *finish(json_t *r, json_t *events, const struct endpoint *ep)
{
    if (r && json_object_set_new(r, "events", events) == 0 && json_object_set_new(r, "state", state_json(ep)) == 0)
        return r;
    json_decref(r);
    return NULL;
}

static struct endpoint *endpoint_arg(json_t *args, int64_t *now, struct err *e)
{
    struct endpoint *ep = handle_get(args, "ep", "epoch", e);
    if (ep && now && arg_int(args, "now", 0, MAX_SAFE_INT, now, e) < 0)
        return NULL;
    return ep;
}

static struct keyrot_tree *tree_arg(json_t *args, const struct keyrot_profile *p, struct err *e)
{
    uint8_t seed[KEYROT_SEED_LEN];
    if (arg_hex_fixed(args, "seed", seed, sizeof seed, e) < 0)
        return NULL;
    struct keyrot_tree *t = keyrot_tree_new(p, seed);
    OPENSSL_cleanse(seed, sizeof seed);
    return t ? t : fail(e, "INTERNAL", "HKDF failed");
}

json_t *op_epoch_create(json_t *args, struct err *e)
{
    static const char *const roles[] = {"initiator", "responder", NULL};
    int role;
    int64_t epoch;
    struct endpoint *ep = calloc(1, sizeof *ep);
    if (!ep)
        return fail(e, "INTERNAL", "out of memory");
    if (arg_enum(args, "role", roles, &role, e) < 0 || arg_int_opt(args, "epoch", 0, 0, 255, &epoch, e) < 0 ||
        keyrot_profile_arg(args, &ep->p, e) < 0 || !(ep->rx[0].tree = tree_arg(args, &ep->p, e))) {
        free(ep);
        return NULL;
    }
    ep->tx_dir = role == 0 ? 0 : 1;
    ep->rx[0].epoch = (int)epoch;
    ep->nrx = 1;
    json_t *state = state_json(ep), *h = handle_add("epoch", ep, endpoint_free);
    if (!h) {
        json_decref(state);
        return NULL;
    }
    return json_pack("{s:o,s:o}", "handle", h, "state", state);
}

json_t *op_epoch_rekey(json_t *args, struct err *e)
{
    int64_t now, epoch;
    struct endpoint *ep = endpoint_arg(args, &now, e);
    if (!ep || arg_int(args, "epoch", 0, 255, &epoch, e) < 0)
        return NULL;
    struct keyrot_tree *next = tree_arg(args, &ep->p, e);
    if (!next)
        return NULL;
    json_t *events = json_array(), *r;
    /* A rekey does not promote: only expiry runs first (as the model's rekey). */
    expire(ep, now, events);
    if (ep->has_pending || ep->has_old) {
        r = json_pack("{s:s,s:s}", "status", "refused", "reason", "REKEY_PENDING");
        keyrot_tree_free(next);
    } else if (epoch != ((ep->rx[ep->tx].epoch + 1) & 0xff)) {
        r = json_pack("{s:s,s:s}", "status", "refused", "reason", "BAD_EPOCH");
        keyrot_tree_free(next);
    } else {
        /* Nothing pending and no old epoch: RX holds only the TX epoch (index 0). */
        ep->rx[1].epoch = (int)epoch;
        ep->rx[1].tree = next;
        ep->nrx = 2;
        ep->has_pending = 1;
        ep->pending_epoch = (int)epoch;
        ep->pending_deadline = now + ep->p.grace_ms;
        r = json_pack("{s:s}", "status", "installed");
    }
    return finish(r, events, ep);
}

json_t *op_epoch_send(json_t *args, struct err *e)
{
    int64_t now;
    struct buf pt;
    struct endpoint *ep = endpoint_arg(args, &now, e);
    if (!ep || arg_hex(args, "plaintext", ANY_LEN, &pt, e) < 0)
        return NULL;
    json_t *events = json_array(), *r = NULL;
    tick(ep, now, events);
    uint8_t *pkt = malloc(pt.n + KEYROT_OVERHEAD), key[KEYROT_KEY_LEN];
    const struct epoch_keys *tx = &ep->rx[ep->tx];
    if (ep->tx_ctr >= keyrot_counter_limit(&ep->p)) {
        r = json_pack("{s:s,s:s}", "status", "failed", "reason", "CTR_EXHAUSTED");
    } else if (!pkt || keyrot_tree_key(tx->tree, ep->tx_dir, ep->tx_ctr, key) < 0 ||
               keyrot_seal(key, tx->epoch, ep->tx_ctr, pt.p, pt.n, pkt) < 0) {
        fail(e, "INTERNAL", "sealing failed");
    } else {
        /* RB_REKEY once per epoch, on the first packet sent with `watermark` or fewer
         * leaf keys left; the leaf in use counts as left. */
        struct keyrot_split s = keyrot_split_counter(&ep->p, ep->tx_ctr++);
        int64_t left = keyrot_total_leaves(&ep->p) - (int64_t)(s.node * (uint64_t)ep->p.leaves_per_node + s.leaf);
        if (!ep->rekey_signalled && left <= ep->p.watermark) {
            ep->rekey_signalled = 1;
            push(events, json_pack("{s:s,s:i}", "type", "RB_REKEY", "epoch", tx->epoch));
        }
        r = json_pack("{s:s,s:o}", "status", "sent", "packet", json_hex(pkt, pt.n + KEYROT_OVERHEAD));
    }
    OPENSSL_cleanse(key, sizeof key);
    free(pkt);
    buf_free(&pt);
    if (!r) {
        json_decref(events);
        return NULL;
    }
    return finish(r, events, ep);
}

json_t *op_epoch_recv(json_t *args, struct err *e)
{
    int64_t now;
    struct buf pkt;
    struct endpoint *ep = endpoint_arg(args, &now, e);
    if (!ep || arg_hex(args, "packet", ANY_LEN, &pkt, e) < 0)
        return NULL;
    json_t *events = json_array(), *r = NULL;
    tick(ep, now, events);
    int parity;
    uint64_t ctr;
    const char *reason = keyrot_parse_nonce(&ep->p, pkt.p, pkt.n, &parity, &ctr);
    const struct epoch_keys *keys = NULL;
    for (int i = 0; !reason && !keys && i < ep->nrx; i++)
        if ((ep->rx[i].epoch & 1) == parity)
            keys = &ep->rx[i];
    if (!reason && !keys)
        reason = "UNKNOWN_EPOCH";
    if (reason) {
        r = json_pack("{s:s,s:s}", "status", "dropped", "reason", reason);
    } else {
        uint8_t key[KEYROT_KEY_LEN], *pt = malloc(pkt.n - KEYROT_OVERHEAD + 1);
        int ok = pt && keyrot_tree_key(keys->tree, 1 - ep->tx_dir, ctr, key) == 0 ? keyrot_open(key, pkt.p, pkt.n, pt) : -1;
        OPENSSL_cleanse(key, sizeof key);
        if (ok < 0) {
            fail(e, "INTERNAL", "opening failed");
        } else if (ok == 0) {
            r = json_pack("{s:s,s:s}", "status", "dropped", "reason", "AUTH_FAILED");
        } else {
            int epoch = keys->epoch;
            /* Authenticated under the pending epoch: the peer has moved, so TX follows now. */
            if (ep->has_pending && epoch == ep->pending_epoch)
                promote(ep, now, "peer", events);
            r = json_pack("{s:s,s:o,s:i}", "status", "accepted", "plaintext", json_hex(pt, pkt.n - KEYROT_OVERHEAD), "epoch", epoch);
        }
        free(pt);
    }
    buf_free(&pkt);
    if (!r) {
        json_decref(events);
        return NULL;
    }
    return finish(r, events, ep);
}

json_t *op_epoch_state(json_t *args, struct err *e)
{
    struct endpoint *ep = endpoint_arg(args, NULL, e);
    return ep ? json_pack("{s:o}", "state", state_json(ep)) : NULL;
}
