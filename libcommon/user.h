/*
 * Users and groups by name or number, read from /etc/passwd and /etc/group directly: a
 * static binary cannot load NSS modules, so users known only to LDAP, sssd or systemd's
 * dynamic users are not found. Then dropping to them in a child, checked.
 */
#ifndef PIDBOX_USER_H
#define PIDBOX_USER_H
#include <stddef.h>
#include <sys/types.h>

/* The most supplementary groups a user may have; more is an error, never a silent cut. */
#define USER_MAX_GROUPS 64
/* The largest /etc/passwd or /etc/group user_lookup() reads. */
#define USER_FILE_MAX (64 * 1024)

struct user_ids {
	uid_t uid;
	gid_t gid;
	size_t ngroups;
	gid_t groups[USER_MAX_GROUPS]; /* what initgroups(name, gid) would set */
};

/*
 * Resolve "USER[:GROUP]" against the contents of /etc/passwd and /etc/group (buffers, not
 * NUL-terminated). USER and GROUP are names or numbers. A number not in passwd gets the
 * group of the same number. Supplementary groups: the group, plus every group that lists
 * the user's name as a member. 0, or -1 with *why saying what is wrong.
 */
int user_resolve(const char *spec, const char *passwd, size_t plen, const char *group,
		 size_t glen, struct user_ids *ids, const char **why);

/* user_resolve() over the files themselves. */
int user_lookup(const char *spec, struct user_ids *ids, const char **why);

/*
 * In a child, before exec: setgroups, setgid, setuid (real, effective and saved), then check
 * that every id is the one asked for. Only syscalls: safe after vfork. 0, or -1 (errno set;
 * EPERM when a check found a wrong id).
 */
int user_drop(const struct user_ids *ids);

#endif
