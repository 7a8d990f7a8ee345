/* errno behaviour of the syscall wrappers and misc calls: failing calls
 * set the Linux errno value, successful calls leave errno alone. Also
 * time conversion and a few process basics. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>
#include <signal.h>
#include <time.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <sys/utsname.h>
#include <stdlib.h>
#include <stdio.h>
#include "check.h"

static void test_errno_values(void)
{
	char buf[8];

	errno = 0;
	CHECK_INT(open("/nonexistent-libc-test", O_RDONLY), -1);
	CHECK_INT(errno, ENOENT);
	CHECK_INT(close(-1), -1);
	CHECK_INT(errno, EBADF);
	CHECK_INT(read(12345, buf, 1), -1);
	CHECK_INT(errno, EBADF);
	errno = 1234;
	CHECK(getpid() > 0);
	CHECK_INT(errno, 1234);               /* success leaves errno alone */
	CHECK_INT(write(1, (void *)1, 10), -1);
	CHECK_INT(errno, EFAULT);
	CHECK_INT(mkdir("/", 0755), -1);
	CHECK_INT(errno, EEXIST);
	CHECK_INT(lseek(0 + 1000, 0, SEEK_SET), -1);
	CHECK_INT(errno, EBADF);
	CHECK_INT(socket(12345, SOCK_DGRAM, 0), -1);
	CHECK_INT(errno, EAFNOSUPPORT);
	CHECK_INT(kill(getpid(), 999), -1);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(syscall(500), -1);
	CHECK_INT(errno, ENOSYS);
	int fds[2];
	CHECK_INT(pipe(fds), 0);
	CHECK_INT(lseek(fds[0], 0, SEEK_SET), -1);
	CHECK_INT(errno, ESPIPE);
	close(fds[0]);
	close(fds[1]);
	CHECK(opendir("/nonexistent-libc-test") == NULL);
	CHECK_INT(errno, ENOENT);
}

static void test_time(void)
{
	struct tm tm;
	time_t t = 1700000000;        /* 2023-11-14 22:13:20 UTC, a Tuesday */
	char buf[64];

	gmtime_r(&t, &tm);
	CHECK(tm.tm_year == 123 && tm.tm_mon == 10 && tm.tm_mday == 14);
	CHECK(tm.tm_hour == 22 && tm.tm_min == 13 && tm.tm_sec == 20);
	CHECK_INT(tm.tm_wday, 2);
	CHECK_INT(tm.tm_yday, 317);
	CHECK_INT(timegm(&tm), t);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %b", &tm);
	CHECK_STR(buf, "2023-11-14 22:13:20 Tue Nov");
	CHECK_STR(asctime(&tm), "Tue Nov 14 22:13:20 2023\n");
	CHECK_STR(asctime_r(&tm, buf), "Tue Nov 14 22:13:20 2023\n");
	{
		struct tm lt;
		char a[32];

		localtime_r(&t, &lt);
		CHECK_STR(ctime_r(&t, buf), asctime_r(&lt, a));
		CHECK_STR(ctime(&t), a);
	}
	tm.tm_mday = 5;
	CHECK_STR(asctime(&tm), "Tue Nov  5 22:13:20 2023\n");
	tm.tm_mday = 14;
	t = 951782400;                /* 2000-02-29 */
	gmtime_r(&t, &tm);
	CHECK(tm.tm_mon == 1 && tm.tm_mday == 29);
	t = 0;
	gmtime_r(&t, &tm);
	CHECK(tm.tm_year == 70 && tm.tm_wday == 4);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	struct timespec req = { 0, 20 * 1000 * 1000 };
	CHECK_INT(nanosleep(&req, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	CHECK(ms >= 20 && ms < 1000);
	CHECK(time(NULL) > 1600000000);
}

static volatile int got_sig;
static void on_usr1(int sig) { got_sig = sig; }

static void test_signals_basic(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t set, old;

	CHECK_INT(sigaction(SIGUSR1, &sa, NULL), 0);
	CHECK_INT(raise(SIGUSR1), 0);
	CHECK_INT(got_sig, SIGUSR1);          /* handler ran and returned */
	got_sig = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_INT(sigprocmask(SIG_BLOCK, &set, &old), 0);
	raise(SIGUSR1);
	CHECK_INT(got_sig, 0);                /* blocked */
	sigset_t pend;
	sigpending(&pend);
	CHECK(sigismember(&pend, SIGUSR1) == 1);
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK_INT(got_sig, SIGUSR1);          /* delivered on unblock */

	pid_t pid = fork();
	if (pid == 0)
		abort();
	int st;
	CHECK_INT(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
	pid = fork();
	if (pid == 0)
		exit(42);
	CHECK_INT(waitpid(pid, &st, 0), pid);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42);
	struct utsname u;
	CHECK_INT(uname(&u), 0);
	CHECK(u.sysname[0] != 0);
}

static void test_readdir(void)
{
	char dir[] = "/tmp/libc_dir_XXXXXX", path[128];
	int fd = mkstemp(dir), seen = 0, dots = 0;
	struct dirent *e;
	DIR *d;

	close(fd);
	unlink(dir);
	CHECK_INT(mkdir(dir, 0755), 0);
	for (int i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "%s/file-with-a-longish-name-%02d", dir, i);
		close(open(path, O_CREAT | O_WRONLY, 0644));
	}
	d = opendir(dir);
	CHECK(d != NULL);
	while (d && (e = readdir(d))) {
		int n;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			dots++;
		else if (sscanf(e->d_name, "file-with-a-longish-name-%d", &n) == 1 &&
			 e->d_type == DT_REG)
			seen |= 0, seen++;
	}
	if (d)
		closedir(d);
	CHECK_INT(seen, 40);
	CHECK_INT(dots, 2);
	for (int i = 0; i < 40; i++) {
		snprintf(path, sizeof(path), "%s/file-with-a-longish-name-%02d", dir, i);
		unlink(path);
	}
	CHECK_INT(rmdir(dir), 0);
}

int main(void)
{
	test_readdir();
	test_errno_values();
	test_time();
	test_signals_basic();
	return check_summary();
}
