/* The connection's stateful objects, by handle (PROTOCOL.md "Stateful objects and
 * handles"). One process serves one connection, so the table is global. */
#ifndef REKEY_SHIM_HANDLES_H
#define REKEY_SHIM_HANDLES_H

#include <jansson.h>

#include "proto.h"

/* Store obj under a fresh handle "<kind>-<n>" and return the handle as a JSON string
 * (a new reference), or NULL (obj is then destroyed). */
json_t *handle_add(const char *kind, void *obj, void (*destroy)(void *));
/* The object of kind `kind` named by args[k], or NULL with UNKNOWN_HANDLE. */
void *handle_get(json_t *args, const char *k, const char *kind, struct err *e);
/* Destroy one object; 1 if the handle existed. */
int handle_free(const char *handle);
/* Destroy every object (reset, end of input). */
void handle_reset(void);

#endif
