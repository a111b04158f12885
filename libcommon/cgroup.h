/*
 * cgroup v2, for killing a whole cgroup at once: cgroup.freeze stops every process in it
 * (forks in flight included), cgroup.kill (Linux 5.14+) SIGKILLs all of it atomically.
 */
#ifndef PIDBOX_CGROUP_H
#define PIDBOX_CGROUP_H
#include <stddef.h>
#include <sys/types.h>

/*
 * The directory of pid's cgroup v2 (under /sys/fs/cgroup, or /sys/fs/cgroup/unified on a
 * hybrid system). 0, or -1 with errno (ENOENT: no cgroup v2 mounted, or pid outside it).
 */
int cgroup_dir_of(pid_t pid, char *dir, size_t cap);
/* The PIDs in dir's cgroup.procs: how many, or -1 (E2BIG when more than cap). */
int cgroup_procs(const char *dir, pid_t *out, int cap);
/* Sub-cgroups below dir (cgroup.stat nr_descendants), or -1. */
int cgroup_descendants(const char *dir);
/* Freeze (on=1) or thaw (0) and wait, on cgroup.events, until it is so. 0 or -1. */
int cgroup_freeze(const char *dir, int on);
/* Write cgroup.kill: every process in the cgroup and below gets SIGKILL. 0 or -1. */
int cgroup_kill(const char *dir);
/*
 * Wait until the cgroup is empty (cgroup.events "populated 0"), at most timeout_ms (-1: no
 * limit). 1 empty, 0 timed out, -1 error.
 */
int cgroup_wait_empty(const char *dir, long long timeout_ms);

#endif
