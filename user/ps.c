/* ps: list processes from /proc/<pid>/stat (Linux format: "pid (comm)
 * state ppid ...", comm may itself contain spaces and parentheses, so it
 * ends at the LAST ')'). CMD is /proc/<pid>/cmdline when present, else
 * [comm]. Output: "  PID  PPID STAT CMD". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>

struct proc {
	int pid, ppid;
	char state;
	char cmd[256];
};

static int read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while (total < (ssize_t)cap - 1 &&
	       (n = read(fd, buf + total, cap - 1 - total)) > 0)
		total += n;
	close(fd);
	buf[total] = 0;
	return (int)total;
}

/* Arguments may hold newlines or escape sequences (python3 -c "..."): shown
 * raw they would break the one-line-per-process format readers rely on, so
 * control bytes become '?', as procps shows them. */
static void printable(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

static int load(int pid, struct proc *p)
{
	char path[64], buf[1024], comm[256];
	char *open_paren, *close_paren;
	int n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return -1;
	open_paren = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open_paren || !close_paren || close_paren < open_paren)
		return -1;
	snprintf(comm, sizeof(comm), "%.*s", (int)(close_paren - open_paren - 1),
		 open_paren + 1);
	if (sscanf(close_paren + 1, " %c %d", &p->state, &p->ppid) != 2)
		return -1;
	p->pid = pid;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = read_file(path, buf, sizeof(buf));
	if (n > 0) {
		for (int i = 0; i < n - 1; i++)
			if (!buf[i])
				buf[i] = ' ';
		snprintf(p->cmd, sizeof(p->cmd), "%s", buf);
	} else {
		snprintf(p->cmd, sizeof(p->cmd), "[%s]", comm);
	}
	printable(p->cmd);
	return 0;
}

static int cmp_pid(const void *a, const void *b)
{
	return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid;
}

int main(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	struct proc *procs = NULL;
	size_t n = 0, cap = 0;

	if (!d) {
		perror("ps: /proc");
		return 1;
	}
	while ((e = readdir(d))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			procs = realloc(procs, cap * sizeof(*procs));
		}
		if (load(atoi(e->d_name), &procs[n]) == 0)
			n++;
	}
	closedir(d);
	qsort(procs, n, sizeof(*procs), cmp_pid);
	printf("%5s %5s %s %s\n", "PID", "PPID", "STAT", "CMD");
	for (size_t i = 0; i < n; i++)
		printf("%5d %5d %-4c %s\n", procs[i].pid, procs[i].ppid,
		       procs[i].state, procs[i].cmd);
	return 0;
}
