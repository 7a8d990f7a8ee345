/* Processes: creation, identity, groups and sessions, waiting, signals. */
#include <unistd.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/ioctl.h>
#include "../syscall.h"

pid_t fork(void)
{
	return (pid_t)sys(__NR_fork);
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)sys(__NR_execve, path, argv, envp);
}

pid_t getpid(void) { return (pid_t)__sys(__NR_getpid); }
pid_t getppid(void) { return (pid_t)__sys(__NR_getppid); }
pid_t gettid(void) { return (pid_t)__sys(__NR_gettid); }
uid_t getuid(void) { return (uid_t)__sys(__NR_getuid); }
uid_t geteuid(void) { return (uid_t)__sys(__NR_geteuid); }
gid_t getgid(void) { return (gid_t)__sys(__NR_getgid); }
gid_t getegid(void) { return (gid_t)__sys(__NR_getegid); }

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)sys(__NR_setpgid, pid, pgid);
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)sys(__NR_getpgid, pid);
}

pid_t getpgrp(void)
{
	return (pid_t)sys(__NR_getpgid, 0);
}

pid_t setsid(void)
{
	return (pid_t)sys(__NR_setsid);
}

pid_t getsid(pid_t pid)
{
	return (pid_t)sys(__NR_getsid, pid);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return (pid_t)sys(__NR_wait4, pid, status, options, ru);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int kill(pid_t pid, int sig)
{
	return (int)sys(__NR_kill, pid, sig);
}

int killpg(pid_t pgrp, int sig)
{
	return kill(-pgrp, sig);
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

pid_t tcgetpgrp(int fd)
{
	pid_t pg;

	return ioctl(fd, TIOCGPGRP, &pg) < 0 ? -1 : pg;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return ioctl(fd, TIOCSPGRP, &pgrp);
}
