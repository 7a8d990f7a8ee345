/* systest: system call test suite for our kernel (and the Linux host).
 *
 * Output protocol and group runner: user/lib/ktest.h.
 *
 * Usage: systest [group...]   (default: all groups)
 * Internal: systest --fd-state FD   exit 0 if FD is closed, 1 if open
 *           (the exec side of the FD_CLOEXEC check). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include "ktest.h"

static const char *self_path = "/bin/systest";
static char tmpdir[256];

static long now_ms(void)
{
	return ktest_now_ms();
}

/* Run fn in a child; returns its wait status. */
static int in_child(void (*fn)(void *), void *arg)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (pid < 0)
		return -1;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	return st;
}

/* ---------------- processes ---------------- */

static void exit_with(void *arg) { _exit((int)(long)arg); }
static void sleep_forever(void *arg) { for (;;) pause(); }
static void deref_null(void *arg) { *(volatile int *)0 = 1; }

static volatile int term_caught;
static void on_term(int sig) { term_caught = sig; }

static void catch_term(void *arg)
{
	struct sigaction sa = { .sa_handler = on_term };

	sigaction(SIGTERM, &sa, NULL);
	write((int)(long)arg, "r", 1);        /* handler installed */
	while (!term_caught)
		pause();
	_exit(term_caught == SIGTERM ? 33 : 34);
}

static void test_process(void)
{
	int st, p[2];
	pid_t pid, me = getpid();

	st = in_child(exit_with, (void *)7L);
	CHECK("fork_exit_status", WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "status 0x%x", st);
	st = in_child(exit_with, (void *)0L);
	CHECK("fork_exit_zero", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status 0x%x", st);
	CHECK("getpid_positive", me > 0, "pid %d", me);

	pipe(p);
	pid = fork();
	if (pid == 0) {
		pid_t pp = getppid();
		write(p[1], &pp, sizeof(pp));
		_exit(0);
	}
	pid_t seen = 0;
	read(p[0], &seen, sizeof(seen));
	waitpid(pid, &st, 0);
	CHECK("getppid_is_parent", seen == me, "child saw ppid %d, parent %d",
	      seen, me);
	close(p[0]);
	close(p[1]);

	pid = fork();
	if (pid == 0) {
		execl("/bin/true", "true", (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	CHECK("exec_true", WIFEXITED(st) && WEXITSTATUS(st) == 0, "status 0x%x", st);
	pid = fork();
	if (pid == 0) {
		execl("/bin/false", "false", (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	CHECK("exec_false", WIFEXITED(st) && WEXITSTATUS(st) == 1, "status 0x%x", st);
	char *argv[] = { "nope", NULL };
	EXPECT_ERR("exec_enoent", execve("/nonexistent/prog", argv, environ), ENOENT);

	pid = fork();
	if (pid == 0)
		sleep_forever(NULL);
	CHECK("waitpid_wnohang_running", waitpid(pid, &st, WNOHANG) == 0,
	      "child reported finished too early");
	CHECK("kill_sigkill", kill(pid, SIGKILL) == 0, "%s", strerror(errno));
	waitpid(pid, &st, 0);
	CHECK("sigkill_status", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "status 0x%x", st);

	pid = fork();
	if (pid == 0)
		sleep_forever(NULL);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	CHECK("sigterm_default_kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	      "status 0x%x", st);

	pipe(p);
	pid = fork();
	if (pid == 0)
		catch_term((void *)(long)p[1]);
	char c;
	read(p[0], &c, 1);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	CHECK("sigterm_handler_runs", WIFEXITED(st) && WEXITSTATUS(st) == 33,
	      "status 0x%x", st);
	close(p[0]);
	close(p[1]);

	st = in_child(deref_null, NULL);
	CHECK("null_deref_sigsegv", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "status 0x%x", st);
	EXPECT_ERR("kill_bad_signal", kill(me, 12345), EINVAL);
	EXPECT_ERR("kill_no_such_pid", kill(999999, 0), ESRCH);
	EXPECT_ERR("wait_no_children", waitpid(-1, &st, 0), ECHILD);
}

static void write_to_closed_pipe(void *arg)
{
	int p[2];

	pipe(p);
	close(p[0]);
	if (arg)
		signal(SIGPIPE, SIG_IGN);
	errno = 0;
	ssize_t r = write(p[1], "x", 1);
	_exit(r == -1 && errno == EPIPE ? 55 : 56);
}

static void test_signals(void)
{
	int st = in_child(write_to_closed_pipe, NULL);

	CHECK("sigpipe_kills", WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
	      "status 0x%x", st);
	st = in_child(write_to_closed_pipe, (void *)1);
	CHECK("sigpipe_ignored_epipe", WIFEXITED(st) && WEXITSTATUS(st) == 55,
	      "status 0x%x", st);

	/* A handler runs, returns through rt_sigreturn, and the interrupted
	 * code continues with its registers intact. */
	struct sigaction sa = { .sa_handler = on_term };
	sigaction(SIGUSR1, &sa, NULL);
	term_caught = 0;
	volatile long a = 0x1234567890L, b = 42;
	raise(SIGUSR1);
	CHECK("handler_and_sigreturn", term_caught == SIGUSR1 &&
	      a == 0x1234567890L && b == 42, "caught %d", term_caught);
	sigset_t set = 1UL << (SIGUSR1 - 1), old;
	term_caught = 0;
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	int blocked_ok = term_caught == 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
	CHECK("sigprocmask_blocks_and_delivers", blocked_ok && term_caught == SIGUSR1,
	      "blocked_ok %d caught %d", blocked_ok, term_caught);
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	CHECK("sig_ign", 1, "-");
	EXPECT_ERR("sigaction_sigkill", sigaction(SIGKILL, &sa, NULL), EINVAL);
}

/* ---------------- pipes and descriptors ---------------- */

static void test_pipes(void)
{
	int p[2], st;
	char buf[256];

	CHECK("pipe_create", pipe(p) == 0, "%s", strerror(errno));
	CHECK("pipe_write", write(p[1], "hello", 5) == 5, "%s", strerror(errno));
	CHECK("pipe_read", read(p[0], buf, sizeof(buf)) == 5 &&
	      !memcmp(buf, "hello", 5), "data mismatch");
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	EXPECT_ERR("pipe_nonblock_eagain", read(p[0], buf, 1), EAGAIN);
	close(p[1]);
	CHECK("pipe_eof", read(p[0], buf, 1) == 0, "no EOF after writer closed");
	close(p[0]);

	/* 256 KiB through a pipe between two processes, checksummed. */
	pipe(p);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		unsigned char chunk[1000];
		for (int i = 0; i < 262; i++) {
			for (int k = 0; k < 1000; k++)
				chunk[k] = (unsigned char)(i * 7 + k);
			for (int off = 0; off < 1000;) {
				ssize_t w = write(p[1], chunk + off, 1000 - off);
				if (w <= 0)
					_exit(1);
				off += w;
			}
		}
		_exit(0);
	}
	close(p[1]);
	unsigned long got = 0, bad = 0;
	ssize_t n;
	while ((n = read(p[0], buf, sizeof(buf))) > 0) {
		for (ssize_t k = 0; k < n; k++, got++)
			if (buf[k] != (char)((got / 1000) * 7 + got % 1000))
				bad++;
	}
	waitpid(pid, &st, 0);
	close(p[0]);
	CHECK("pipe_bulk_transfer", got == 262000 && !bad && WIFEXITED(st) &&
	      !WEXITSTATUS(st), "got %lu bytes, %lu corrupt", got, bad);
	int *volatile badp = (int *)1;      /* volatile: no compile-time warning */
	EXPECT_ERR("pipe_bad_pointer", pipe(badp), EFAULT);
}

static void test_fds(void)
{
	int p[2], fd, st;

	pipe(p);
	fd = dup(p[0]);
	CHECK("dup_lowest", fd > p[1] || fd < p[0] || fd > 2, "dup gave %d", fd);
	close(fd);
	int low = dup(p[0]);
	close(low);
	CHECK("dup_reuses_lowest", dup(p[0]) == low, "did not reuse fd %d", low);
	close(low);
	CHECK("dup2_target", dup2(p[1], 50) == 50, "%s", strerror(errno));
	CHECK("dup2_same_fd", dup2(50, 50) == 50, "%s", strerror(errno));
	write(50, "z", 1);
	char c = 0;
	read(p[0], &c, 1);
	CHECK("dup2_shares_file", c == 'z', "read %d", c);
	close(50);
	EXPECT_ERR("close_twice", close(50), EBADF);
	EXPECT_ERR("dup2_bad_src", dup2(77, 78), EBADF);
	int fl = fcntl(p[0], F_GETFL);
	CHECK("fcntl_getfl", fl >= 0 && (fl & O_ACCMODE) == O_RDONLY, "flags 0x%x", fl);
	CHECK("fcntl_setfl_nonblock", fcntl(p[0], F_SETFL, fl | O_NONBLOCK) == 0 &&
	      (fcntl(p[0], F_GETFL) & O_NONBLOCK), "O_NONBLOCK not set");
	CHECK("fcntl_fd_cloexec", fcntl(p[0], F_SETFD, FD_CLOEXEC) == 0 &&
	      fcntl(p[0], F_GETFD) == FD_CLOEXEC, "FD_CLOEXEC not set");

	/* Across exec: the FD_CLOEXEC fd is gone, the other one stays. */
	char num[16];
	pid_t pid = fork();
	if (pid == 0) {
		snprintf(num, sizeof(num), "%d", p[0]);
		execl(self_path, "systest", "--fd-state", num, (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	CHECK("cloexec_closed_on_exec", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status 0x%x (99: exec of %s failed)", st, self_path);
	pid = fork();
	if (pid == 0) {
		snprintf(num, sizeof(num), "%d", p[1]);
		execl(self_path, "systest", "--fd-state", num, (char *)NULL);
		_exit(99);
	}
	waitpid(pid, &st, 0);
	CHECK("no_cloexec_kept_on_exec", WIFEXITED(st) && WEXITSTATUS(st) == 1,
	      "status 0x%x", st);
	close(p[0]);
	close(p[1]);

	char buf[8];
	EXPECT_ERR("read_bad_fd", read(999, buf, 1), EBADF);
	EXPECT_ERR("write_bad_fd", write(999, buf, 1), EBADF);
	EXPECT_ERR("write_negative_fd", write(-5, buf, 1), EBADF);
	EXPECT_ERR("close_bad_fd", close(999), EBADF);
	EXPECT_ERR("dup_bad_fd", dup(999), EBADF);
	struct stat sb;
	EXPECT_ERR("fstat_bad_fd", fstat(999, &sb), EBADF);
	EXPECT_ERR("lseek_bad_fd", lseek(999, 0, SEEK_SET), EBADF);
	EXPECT_ERR("fcntl_bad_fd", fcntl(999, F_GETFL), EBADF);
	fd = open(tmpdir, O_RDONLY);
	EXPECT_ERR("write_to_dir_fd", write(fd, "x", 1), EBADF);
	close(fd);
}

/* ---------------- files and directories ---------------- */

static void test_files(void)
{
	char path[300], buf[64];
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "%s/systest.file", tmpdir);
	unlink(path);
	fd = open(path, O_CREAT | O_RDWR | O_EXCL, 0644);
	CHECK("open_creat", fd >= 0, "%s: %s", path, strerror(errno));
	CHECK("write_file", write(fd, "0123456789", 10) == 10, "%s", strerror(errno));
	CHECK("lseek_set", lseek(fd, 2, SEEK_SET) == 2, "%s", strerror(errno));
	CHECK("read_file", read(fd, buf, 3) == 3 && !memcmp(buf, "234", 3),
	      "wrong data");
	CHECK("lseek_cur", lseek(fd, 0, SEEK_CUR) == 5, "position wrong");
	CHECK("lseek_end", lseek(fd, -1, SEEK_END) == 9, "%s", strerror(errno));
	CHECK("read_last", read(fd, buf, 10) == 1 && buf[0] == '9', "wrong tail");
	CHECK("read_eof", read(fd, buf, 10) == 0, "no EOF");
	EXPECT_ERR("lseek_negative", lseek(fd, -100, SEEK_SET), EINVAL);
	CHECK("fstat_size", fstat(fd, &st) == 0 && st.st_size == 10 &&
	      S_ISREG(st.st_mode), "size %ld mode 0%o", (long)st.st_size, st.st_mode);
	close(fd);
	EXPECT_ERR("open_excl_exists", open(path, O_CREAT | O_EXCL | O_WRONLY, 0644),
		   EEXIST);
	fd = open(path, O_WRONLY | O_APPEND);
	write(fd, "AB", 2);
	close(fd);
	CHECK("append", stat(path, &st) == 0 && st.st_size == 12, "size %ld",
	      (long)st.st_size);
	fd = open(path, O_WRONLY | O_TRUNC);
	close(fd);
	CHECK("truncate_on_open", stat(path, &st) == 0 && st.st_size == 0,
	      "size %ld", (long)st.st_size);
	fd = open(path, O_RDONLY);
	EXPECT_ERR("write_readonly_fd", write(fd, "x", 1), EBADF);
	close(fd);
	CHECK("unlink", unlink(path) == 0, "%s", strerror(errno));
	EXPECT_ERR("open_after_unlink", open(path, O_RDONLY), ENOENT);
	EXPECT_ERR("unlink_missing", unlink(path), ENOENT);
	EXPECT_ERR("open_missing_dir", open("/nonexistent/x", O_RDONLY), ENOENT);
	EXPECT_ERR("stat_missing", stat("/nonexistent", &st), ENOENT);

	/* Unlinked while open: data stays readable through the fd. */
	fd = open(path, O_CREAT | O_RDWR, 0644);
	write(fd, "keep", 4);
	unlink(path);
	lseek(fd, 0, SEEK_SET);
	CHECK("unlinked_open_file_readable", read(fd, buf, 4) == 4 &&
	      !memcmp(buf, "keep", 4), "data lost");
	close(fd);
}

static void test_dirs(void)
{
	char dir[300], file[340], cwd[512], old[512];
	struct stat st;
	int found = 0;

	snprintf(dir, sizeof(dir), "%s/systest.dir", tmpdir);
	snprintf(file, sizeof(file), "%s/entry", dir);
	unlink(file);
	rmdir(dir);
	CHECK("mkdir", mkdir(dir, 0755) == 0, "%s", strerror(errno));
	EXPECT_ERR("mkdir_exists", mkdir(dir, 0755), EEXIST);
	CHECK("stat_dir", stat(dir, &st) == 0 && S_ISDIR(st.st_mode), "not a dir");
	close(open(file, O_CREAT | O_WRONLY, 0644));
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (!strcmp(e->d_name, "entry"))
			found = 1;
	if (d)
		closedir(d);
	CHECK("readdir_finds_file", found, "entry not listed");
	EXPECT_ERR("rmdir_not_empty", rmdir(dir), ENOTEMPTY);
	EXPECT_ERR("open_dir_for_write", open(dir, O_WRONLY), EISDIR);
	EXPECT_ERR("o_directory_on_file", open(file, O_RDONLY | O_DIRECTORY), ENOTDIR);
	EXPECT_ERR("mkdir_under_file", mkdir(file, 0755) == 0 ? 0 :
		   mkdir(strcat(strcpy(cwd, file), "/sub"), 0755), ENOTDIR);
	getcwd(old, sizeof(old));
	CHECK("chdir", chdir(dir) == 0, "%s", strerror(errno));
	CHECK("getcwd", getcwd(cwd, sizeof(cwd)) && strstr(cwd, "systest.dir"),
	      "cwd %s", cwd);
	CHECK("relative_open", access("entry", F_OK) == 0, "%s", strerror(errno));
	chdir(old);
	EXPECT_ERR("chdir_missing", chdir("/nonexistent"), ENOENT);
	unlink(file);
	CHECK("rmdir", rmdir(dir) == 0, "%s", strerror(errno));
	EXPECT_ERR("rmdir_missing", rmdir(dir), ENOENT);
}

/* ---------------- time and memory ---------------- */

static void test_time(void)
{
	struct timespec a, b, req = { 0, 100 * 1000 * 1000 };
	long t0, dt;

	clock_gettime(CLOCK_MONOTONIC, &a);
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK("monotonic_nondecreasing", b.tv_sec > a.tv_sec ||
	      (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec), "went backwards");
	t0 = now_ms();
	CHECK("nanosleep_ok", nanosleep(&req, NULL) == 0, "%s", strerror(errno));
	dt = now_ms() - t0;
	CHECK("nanosleep_100ms", dt >= 100 && dt < 1000, "slept %ld ms", dt);
	req.tv_nsec = 2000000000L;
	EXPECT_ERR("nanosleep_bad_nsec", nanosleep(&req, NULL), EINVAL);
	EXPECT_ERR("nanosleep_bad_ptr", nanosleep((void *)1, NULL), EFAULT);
	CHECK("realtime_sane", time(NULL) > 0, "time %ld", (long)time(NULL));
}

static void touch_unmapped(void *p)
{
	*(volatile char *)p = 1;
}

static void test_memory(void)
{
	char *cur = sbrk(0), *p;
	int st;

	CHECK("brk_query", cur != (void *)-1, "sbrk(0) failed");
	p = sbrk(1 << 20);
	CHECK("brk_grow", p == cur, "sbrk returned %p, want %p", p, cur);
	if (p == cur) {
		memset(p, 0xab, 1 << 20);
		CHECK("brk_memory_usable", (unsigned char)p[(1 << 20) - 1] == 0xab,
		      "bad byte");
		CHECK("brk_shrink", sbrk(-(1 << 20)) != (void *)-1 && sbrk(0) == cur,
		      "break not restored");
	}
	size_t len = 4 << 20;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("mmap_anon", m != MAP_FAILED, "%s", strerror(errno));
	if (m != MAP_FAILED) {
		CHECK("mmap_zeroed", m[0] == 0 && m[len - 1] == 0, "not zero");
		m[0] = 1;
		m[len - 1] = 2;
		CHECK("mmap_writable", m[0] == 1 && m[len - 1] == 2, "lost writes");
		CHECK("munmap", munmap(m, len) == 0, "%s", strerror(errno));
		st = in_child(touch_unmapped, m);
		CHECK("unmapped_access_sigsegv", WIFSIGNALED(st) &&
		      WTERMSIG(st) == SIGSEGV, "status 0x%x", st);
	}
	EXPECT_ERR("mmap_zero_len", (long)mmap(NULL, 0, PROT_READ,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
	void *big = malloc(32 << 20);
	CHECK("malloc_32mb", big != NULL, "malloc failed");
	if (big) {
		memset(big, 1, 32 << 20);
		free(big);
	}
}

/* ---------------- bad pointers and unknown calls ---------------- */

static void test_errors(void)
{
	int p[2];
	char buf[16];
	struct stat st;
	void *kernel = (void *)0xffffffff80000000UL;

	EXPECT_ERR("write_bad_ptr", write(1, (void *)1, 10), EFAULT);
	EXPECT_ERR("write_kernel_ptr", write(1, kernel, 10), EFAULT);
	pipe(p);
	write(p[1], "data", 4);
	EXPECT_ERR("read_into_kernel", read(p[0], kernel, 4), EFAULT);
	EXPECT_ERR("read_into_null", read(p[0], NULL, 4), EFAULT);
	close(p[0]);
	close(p[1]);
	EXPECT_ERR("open_bad_path_ptr", open((char *)1, O_RDONLY), EFAULT);
	EXPECT_ERR("open_kernel_path", open((char *)kernel, O_RDONLY), EFAULT);
	EXPECT_ERR("stat_bad_buf", stat("/", (struct stat *)1), EFAULT);
	EXPECT_ERR("stat_kernel_buf", stat("/", (struct stat *)kernel), EFAULT);
	EXPECT_ERR("fstat_bad_buf", fstat(0, (struct stat *)8), EFAULT);
	EXPECT_ERR("clock_gettime_bad", clock_gettime(CLOCK_MONOTONIC, (void *)1), EFAULT);
	EXPECT_ERR("uname_bad", uname((struct utsname *)kernel), EFAULT);
	EXPECT_ERR("getcwd_bad", (long)(getcwd((char *)kernel, 100) ? 0 : -1), EFAULT);
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	usleep(10000);
	EXPECT_ERR("wait4_bad_status", waitpid(pid, (int *)kernel, 0), EFAULT);
	waitpid(pid, NULL, 0);
	EXPECT_ERR("execve_bad_argv", execve("/bin/true", (char **)kernel, environ), EFAULT);
	EXPECT_ERR("syscall_500", syscall(500), ENOSYS);
	EXPECT_ERR("syscall_1000", syscall(1000), ENOSYS);
	EXPECT_ERR("syscall_minus_1", syscall(-1), ENOSYS);
	EXPECT_ERR("syscall_huge", syscall(0x7fffffffL), ENOSYS);
	/* A buffer running into a page we may not touch: the kernel's copy
	 * stops on the exact byte and read reports what it did, as Linux
	 * does for /dev/zero. Both the word-at-a-time and byte paths. */
	unsigned char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (two != MAP_FAILED && mprotect(two + 4096, 4096, PROT_NONE) == 0) {
		int z = open("/dev/zero", O_RDONLY);
		long n;

		memset(two, 0xee, 4096);
		n = read(z, two + 4096 - 13, 100);
		CHECK("read_stops_at_bad_page", n == 13 && two[4095] == 0 &&
		      two[4096 - 13] == 0 && two[4096 - 14] == 0xee,
		      "read returned %ld", n);
		memset(two, 0xee, 4096);
		n = read(z, two + 4096 - 3, 5);
		CHECK("read_stops_at_bad_page_short", n == 3 && two[4095] == 0 &&
		      two[4096 - 4] == 0xee, "read returned %ld", n);
		EXPECT_ERR("read_all_bad_page", read(z, two + 4096, 64), EFAULT);
		close(z);
		munmap(two, 8192);
	}
	EXPECT_ERR("fcntl_bad_cmd", fcntl(0, 9999), EINVAL);
	EXPECT_ERR("lseek_bad_whence", lseek(open("/", O_RDONLY), 0, 12345), EINVAL);
	(void)buf;
	(void)st;
	CHECK("still_alive", getpid() > 0, "-");
}

/* ---------------- driver ---------------- */

static const struct ktest_group groups[] = {
	{ "process", test_process }, { "signals", test_signals },
	{ "pipes", test_pipes }, { "fds", test_fds }, { "files", test_files },
	{ "dirs", test_dirs }, { "time", test_time }, { "memory", test_memory },
	{ "errors", test_errors },
};

int main(int argc, char **argv)
{
	const char *t = getenv("TMPDIR");

	if (argc == 3 && !strcmp(argv[1], "--fd-state"))
		return fcntl(atoi(argv[2]), F_GETFD) < 0 && errno == EBADF ? 0 : 1;
	if (strchr(argv[0], '/'))
		self_path = argv[0];
	snprintf(tmpdir, sizeof(tmpdir), "%s", t && *t ? t : "/tmp");
	return ktest_main(argc, argv, groups, sizeof(groups) / sizeof(groups[0]));
}
