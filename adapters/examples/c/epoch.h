/* Epoch grace (adapters/protocol/keyrot.md "Epoch grace"): a flow endpoint whose TX
 * keeps the old epoch until the peer is seen on the new one or a deadline passes. */
#ifndef REKEY_SHIM_EPOCH_H
#define REKEY_SHIM_EPOCH_H

#include <jansson.h>

#include "proto.h"

json_t *op_epoch_create(json_t *args, struct err *e);
json_t *op_epoch_rekey(json_t *args, struct err *e);
json_t *op_epoch_send(json_t *args, struct err *e);
json_t *op_epoch_recv(json_t *args, struct err *e);
json_t *op_epoch_state(json_t *args, struct err *e);

#endif
