/* exec helpers: PATH search (execvp) and list forms (execl). */
#include <unistd.h>
#include <string.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <limits.h>
#include <sys/wait.h>

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Try each PATH directory; remember EACCES so a later ENOENT does not hide
 * a file that exists but cannot be run (as POSIX shells report). */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];
	int seen_eacces = 0;

	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/'))
		return execve(file, argv, envp);
	if (!path)
		path = "/bin:/usr/bin";
	while (*path) {
		const char *end = strchrnul(path, ':');
		size_t dl = end - path, fl = strlen(file);
		if (dl + fl + 2 <= sizeof(buf)) {
			memcpy(buf, path, dl);
			if (dl)
				buf[dl++] = '/';
			memcpy(buf + dl, file, fl + 1);
			execve(buf, argv, envp);
			if (errno == EACCES)
				seen_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		path = *end ? end + 1 : end;
	}
	errno = seen_eacces ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

#define MAX_LIST_ARGS 64

static int exec_list(const char *file, const char *arg, va_list ap, int path)
{
	char *argv[MAX_LIST_ARGS + 1];
	int n = 0;

	for (argv[n] = (char *)arg; argv[n]; argv[n] = va_arg(ap, char *))
		if (++n == MAX_LIST_ARGS) {
			errno = E2BIG;
			return -1;
		}
	return path ? execvp(file, argv) : execv(file, argv);
}

int execl(const char *path, const char *arg, ...)
{
	va_list ap;
	int r;

	va_start(ap, arg);
	r = exec_list(path, arg, ap, 0);
	va_end(ap);
	return r;
}

int execlp(const char *file, const char *arg, ...)
{
	va_list ap;
	int r;

	va_start(ap, arg);
	r = exec_list(file, arg, ap, 1);
	va_end(ap);
	return r;
}

/* system(3) through /bin/sh -c. */
int system(const char *cmd)
{
	pid_t pid;
	int status;

	if (!cmd)
		return 1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return status;
}
