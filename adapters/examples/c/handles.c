/* A singly linked list is enough: tests hold a handful of objects at a time. */
#include "handles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char name[32];
    const char *kind;
    void *obj;
    void (*destroy)(void *);
    struct entry *next;
};

static struct entry *head;
static unsigned long counter;

json_t *handle_add(const char *kind, void *obj, void (*destroy)(void *))
{
    struct entry *n = calloc(1, sizeof *n);
    if (!n) {
        destroy(obj);
        return NULL;
    }
    snprintf(n->name, sizeof n->name, "%.16s-%lu", kind, ++counter);
    n->kind = kind;
    n->obj = obj;
    n->destroy = destroy;
    n->next = head;
    head = n;
    return json_string(n->name);
}

void *handle_get(json_t *args, const char *k, const char *kind, struct err *e)
{
    const char *h = json_string_value(json_object_get(args, k));
    for (struct entry *n = head; h && n; n = n->next)
        if (strcmp(n->name, h) == 0 && strcmp(n->kind, kind) == 0)
            return n->obj;
    return fail(e, "UNKNOWN_HANDLE", "%s: no %s with handle %.64s", k, kind, h ? h : "(not a string)");
}

int handle_free(const char *handle)
{
    for (struct entry **p = &head; handle && *p; p = &(*p)->next)
        if (strcmp((*p)->name, handle) == 0) {
            struct entry *n = *p;
            *p = n->next;
            n->destroy(n->obj);
            free(n);
            return 1;
        }
    return 0;
}

void handle_reset(void)
{
    while (head) {
        struct entry *n = head;
        head = n->next;
        n->destroy(n->obj);
        free(n);
    }
}
