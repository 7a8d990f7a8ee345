#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <lib/types.h>

/* Replace the current program (argv/envp are user pointers unless
 * from_kernel). On success the task's user register frame is set up to
 * start the new program; the caller just returns to user mode. */
int do_execve(const char *path, char *const *argv, char *const *envp,
	      bool from_kernel);

#endif
