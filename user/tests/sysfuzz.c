/* sysfuzz [-s SEED] [N]: call random system call numbers with random
 * arguments N times (default 10000) to show the kernel survives anything
 * user space can pass: garbage numbers, NULL, unmapped, non-canonical and
 * kernel-half pointers, huge lengths, bad descriptors.
 *
 * The calls run in a forked child. Before each call the child sends its
 * index to the parent over a pipe; if the child dies (a random
 * rt_sigreturn or sigaction can kill it) or makes no progress for a second
 * (a call that blocks), the parent kills it and forks a new child that
 * continues at the next index. Arguments are a pure function of (seed,
 * index), so any index reproduces.
 *
 * Excluded: calls that would end or escape the test rather than exercise
 * the kernel: exit/exit_group, kill-family calls (could hit other
 * processes), reboot, clone/vfork (random flags share our memory), calls
 * that unmap or re-protect our own image (munmap, mprotect, mremap,
 * madvise; brk may only grow), MAP_FIXED mappings, calls that block
 * forever by design (pause, rt_sigsuspend), and, for running on a Linux
 * host as root, calls that change machine-wide state (clock, hostname,
 * mounts, modules, swap, kexec, ptrace, syslog clear, vhangup...). fork
 * is allowed; its child exits at once. Prints "sysfuzz: N calls done". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <poll.h>
#include <time.h>
#include <sys/wait.h>
#include <dirent.h>
#include <sys/stat.h>

#define REPORT_FD   100
#define STALL_MS    1000
#define SCRATCH_LEN 65536
#define NR_MAX      460

static const short denied[] = {
	10, 11, 12 /* brk: handled */, 25, 28, 34, 56, 57 /* fork: handled */,
	58, 60, 62, 101, 103, 130, 153, 155, 159, 160 /* setrlimit */, 161,
	163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 175, 176, 200,
	216, 227, 231, 234, 246, 297, 298, 304, 310, 311, 313, 320, 321, 323,
	329, 424, 425, 426, 427, 435, 436 /* close_range */, 3 /* close */, 33,
	292 /* dup2/dup3 can close our report pipe */, 37, 38, 222, 223, 224,
	225, 226, 61, 247,
};

static unsigned char *scratch;
static char workdir[64];
static unsigned long seed = 1;

static unsigned long long mix(unsigned long long x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

struct rng { unsigned long long s; };

static unsigned long long next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return mix(r->s);
}

/* An argument: a mix of interesting integers and pointers. */
static long rand_arg(struct rng *r)
{
	static const unsigned long special[] = {
		0, 1, 2, 0xffffffffUL, 0x7fffffffUL, 0x80000000UL, (unsigned long)-1,
		0xffffffff80000000UL, 0xffff800000000000UL, 0x0000800000000000UL,
		0x00007fffffffe000UL, 0x1000, 0x400000, 4096, 65536, 1UL << 40,
	};
	unsigned long long v = next(r);

	switch (v % 8) {
	case 0: return (long)special[(v >> 8) % (sizeof(special) / sizeof(special[0]))];
	case 1: return (long)((v >> 8) % 16);                      /* small / fds */
	case 2: return (long)(scratch + (v >> 8) % SCRATCH_LEN);   /* valid memory */
	case 3: return (long)(scratch + SCRATCH_LEN - 1 - (v >> 8) % 8); /* edge */
	case 4: return (long)(int)(v >> 16);                       /* random int */
	case 5: return (long)((v >> 8) & 0xfff);
	case 6: return (long)(0xffffffff80000000UL + ((v >> 8) & 0xffffff));
	default: return (long)next(r);                             /* anything */
	}
}

static long rand_nr(struct rng *r)
{
	unsigned long long v = next(r);

	switch (v % 16) {
	case 0: return -(long)((v >> 8) % 4) - 1;
	case 1: return 460 + (long)((v >> 8) % 600);
	case 2: return (long)(v >> 8);
	default: return (long)((v >> 8) % NR_MAX);
	}
}

static int is_denied(long nr)
{
	for (size_t i = 0; i < sizeof(denied) / sizeof(denied[0]); i++)
		if (nr == denied[i])
			return 1;
	return 0;
}

/* Make one call safe to make, or return 0 to skip it. */
static int sanitize(long nr, long a[6])
{
	if (is_denied(nr) && nr != 12 && nr != 57)
		return 0;
	if (nr == 9)                            /* mmap: never MAP_FIXED */
		a[3] &= ~(0x10L | 0x100000L);
	if (nr == 12 && (unsigned long)a[0] < (unsigned long)sbrk(0))
		return 0;                       /* brk may only grow */
	return 1;
}

static long raw_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;

	__asm__ volatile("syscall" : "=a"(r)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return r;
}

static __attribute__((noreturn)) void child(long start, long total)
{
	int nul = open("/dev/null", O_RDWR);

	/* Random ioctls and writes must not reach the terminal. */
	for (int fd = 0; fd < 3; fd++)
		dup2(nul >= 0 ? nul : REPORT_FD, fd);
	scratch = malloc(SCRATCH_LEN);
	for (long i = start; i < total; i++) {
		struct rng r = { mix(seed * 0x100000001b3ULL + (unsigned long long)i) };
		long nr = rand_nr(&r), a[6];

		for (int k = 0; k < 6; k++)
			a[k] = rand_arg(&r);
		/* No '/' in scratch: random paths then stay in the working
		 * directory, which is cleaned up at the end. */
		for (int k = 0; k < SCRATCH_LEN; k += 64) {
			scratch[k] = (unsigned char)next(&r);
			if (scratch[k] == '/')
				scratch[k] = '_';
		}
		write(REPORT_FD, &i, sizeof(i));
		if (!sanitize(nr, a))
			continue;
		if (nr == 57) {                 /* fork: the new child leaves */
			long pid = raw_syscall(57, 0, 0, 0, 0, 0, 0);
			if (pid == 0)
				raw_syscall(231, 0, 0, 0, 0, 0, 0);
			while (waitpid(-1, NULL, WNOHANG) > 0)
				;
			continue;
		}
		raw_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	write(REPORT_FD, &total, sizeof(total));
	_exit(0);
}

/* Remove what random calls created in the working directory. */
static void cleanup(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024];

	if (!d || depth > 8) {
		if (d)
			closedir(d);
		return;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (unlink(path) < 0 && errno == EISDIR) {
			cleanup(path, depth + 1);
			rmdir(path);
		}
	}
	closedir(d);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	long total = 10000, done = 0;
	int deaths = 0, stalls = 0, opt;

	while ((opt = getopt(argc, argv, "s:")) != -1)
		if (opt == 's')
			seed = strtoul(optarg, NULL, 0);
	if (optind < argc)
		total = strtol(argv[optind], NULL, 10);
	signal(SIGPIPE, SIG_IGN);
	/* Work in a directory of our own, removed at the end with whatever
	 * the random calls created in it. */
	snprintf(workdir, sizeof(workdir), "sysfuzz.%d", (int)getpid());
	if (mkdir(workdir, 0700) < 0 || chdir(workdir) < 0) {
		perror("sysfuzz: work directory");
		return 1;
	}
	while (done < total) {
		int p[2], st;
		long last = done, t_last = now_ms();
		pid_t pid;

		if (pipe(p) < 0)
			return 1;
		pid = fork();
		if (pid == 0) {
			close(p[0]);
			dup2(p[1], REPORT_FD);
			if (p[1] != REPORT_FD)
				close(p[1]);
			child(done, total);
		}
		close(p[1]);
		for (;;) {
			struct pollfd pf = { .fd = p[0], .events = POLLIN };
			long idx;
			if (poll(&pf, 1, 200) > 0) {
				ssize_t n = read(p[0], &idx, sizeof(idx));
				if (n == (ssize_t)sizeof(idx)) {
					last = idx;
					t_last = now_ms();
					continue;
				}
				if (n == 0)
					break;          /* child gone */
			}
			if (now_ms() - t_last > STALL_MS) {
				kill(pid, SIGKILL);     /* blocked in a call */
				stalls++;
				break;
			}
		}
		close(p[0]);
		waitpid(pid, &st, 0);
		if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0) && last < total)
			deaths++;
		done = last + 1 > done ? last + 1 : done + 1;
		if (done > total)
			done = total;
	}
	if (chdir("..") == 0) {
		cleanup(workdir, 0);
		rmdir(workdir);
	}
	printf("sysfuzz: seed %lu, %d child restarts (%d stalled)\n", seed,
	       deaths, stalls);
	printf("sysfuzz: %ld calls done\n", total);
	return 0;
}
