/* Background jobs: remembered until all their processes are reaped; the
 * shell reaps before each prompt and reports finished jobs as bash does
 * ("[1]+  Done  sleep 1"). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/wait.h>
#include "sh.h"

#define MAX_JOBS 32

static struct job {
	int used;
	int id;
	pid_t pgid;
	pid_t pids[MAX_CMDS];
	int npids, left;
	int status;
	char text[256];
} jobs[MAX_JOBS];

void jobs_add(pid_t pgid, pid_t *pids, int n, const char *text)
{
	int id = 1;

	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].used && jobs[i].id >= id)
			id = jobs[i].id + 1;
	for (int i = 0; i < MAX_JOBS; i++) {
		if (jobs[i].used)
			continue;
		jobs[i] = (struct job){ .used = 1, .id = id, .pgid = pgid,
					.npids = n, .left = n };
		memcpy(jobs[i].pids, pids, n * sizeof(pid_t));
		snprintf(jobs[i].text, sizeof(jobs[i].text), "%s", text);
		if (sh_interactive)
			fprintf(stderr, "[%d] %d\n", id, (int)pids[n - 1]);
		return;
	}
	fprintf(stderr, "sh: too many jobs; not tracking %d\n", (int)pgid);
}

/* Record a reaped pid; returns its job or NULL. */
static struct job *job_note(pid_t pid, int status)
{
	for (int i = 0; i < MAX_JOBS; i++) {
		if (!jobs[i].used)
			continue;
		for (int k = 0; k < jobs[i].npids; k++) {
			if (jobs[i].pids[k] != pid)
				continue;
			jobs[i].pids[k] = -1;
			jobs[i].left--;
			if (k == jobs[i].npids - 1)
				jobs[i].status = status;
			return &jobs[i];
		}
	}
	return NULL;
}

static void job_finish(struct job *j, int report)
{
	if (report && sh_interactive) {
		int code = status_to_exit(j->status, 0);
		if (WIFSIGNALED(j->status))
			fprintf(stderr, "[%d]+  %s  %s\n", j->id,
				strsignal(WTERMSIG(j->status)), j->text);
		else if (code)
			fprintf(stderr, "[%d]+  Exit %d  %s\n", j->id, code, j->text);
		else
			fprintf(stderr, "[%d]+  Done  %s\n", j->id, j->text);
	}
	j->used = 0;
}

/* Reap every finished child (background jobs and orphans alike). */
void jobs_reap(int report)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		struct job *j = job_note(pid, status);
		if (j && j->left == 0)
			job_finish(j, report);
	}
}

int jobs_wait_all(void)
{
	int status, last = 0;
	pid_t pid;

	for (;;) {
		int any = 0;
		for (int i = 0; i < MAX_JOBS; i++)
			any |= jobs[i].used;
		if (!any)
			break;
		pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			for (int i = 0; i < MAX_JOBS; i++)
				jobs[i].used = 0;
			break;
		}
		struct job *j = job_note(pid, status);
		if (j && j->left == 0) {
			last = status_to_exit(j->status, 0);
			job_finish(j, 0);
		}
	}
	return last;
}

void jobs_list(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].used)
			printf("[%d]  Running  %s\n", jobs[i].id, jobs[i].text);
}
