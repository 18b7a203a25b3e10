/* PSP key derivation and the bare packet codec (adapters/protocol/psp.md). */
#ifndef REKEY_SHIM_PSP_H
#define REKEY_SHIM_PSP_H

#include <jansson.h>

#include "proto.h"

json_t *op_psp_derive(json_t *args, struct err *e);
json_t *op_psp_encrypt(json_t *args, struct err *e);
json_t *op_psp_decrypt(json_t *args, struct err *e);

#endif
