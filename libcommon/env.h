/* A child's environment: the inherited one with NAME=VALUE settings applied, no allocation. */
#ifndef PIDBOX_ENV_H
#define PIDBOX_ENV_H
#include <stddef.h>

/* How many entries env has (up to its NULL). */
size_t env_count(char *const *env);

/*
 * Into out (room for env_count(base) + nset + 1 pointers): every entry of base whose name
 * is not set by `set`, then each of set's NAME=VALUE (the last one wins for a name twice).
 * NULL-terminated. The strings are shared, not copied.
 */
void env_merge(char **out, char *const *base, char *const *set, size_t nset);

#endif
