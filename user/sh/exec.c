/* Running pipelines. Each pipeline is a job: its processes share a new
 * process group (the first child's pid). A foreground job becomes the
 * terminal's foreground group (tcsetpgrp), so ^C sends SIGINT to it and
 * not to the shell; the shell takes the terminal back when the job ends.
 * Both parent and child call setpgid, so whichever runs first wins the
 * race (as POSIX job-control shells do). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include "sh.h"

int apply_redirs(const struct command *c)
{
	for (int i = 0; i < c->nredir; i++) {
		const struct redir *r = &c->redirs[i];
		int fd;

		if (r->kind == R_DUP) {
			char *end;
			long src = strtol(r->path, &end, 10);
			if (*end || src < 0 || dup2((int)src, r->fd) < 0) {
				fprintf(stderr, "sh: %s: bad file descriptor\n",
					r->path);
				return -1;
			}
			continue;
		}
		fd = open(r->path, r->kind == R_IN ? O_RDONLY
				   : O_WRONLY | O_CREAT |
				     (r->kind == R_APPEND ? O_APPEND : O_TRUNC),
			  0644);
		if (fd < 0) {
			fprintf(stderr, "sh: %s: %s\n", r->path, strerror(errno));
			return -1;
		}
		if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		}
	}
	return 0;
}

/* Convert a wait status to $? (128+sig for signals) and, for foreground
 * jobs, report deaths by signal the way bash does. */
int status_to_exit(int status, int report)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);
		if (report && sig == SIGINT)
			fputc('\n', stderr);
		else if (report && sig != SIGPIPE)
			fprintf(stderr, "%s%s\n", strsignal(sig),
				WCOREDUMP(status) ? " (core dumped)" : "");
		return 128 + sig;
	}
	if (WIFSTOPPED(status))
		return 128 + WSTOPSIG(status);
	return 1;
}

static void child_signals_default(void)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU,
				    SIGCHLD, SIGPIPE };
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
}

static __attribute__((noreturn)) void child_exec(struct command *c)
{
	for (int i = 0; i < c->nassign; i++)
		putenv(c->assign[i]);
	if (apply_redirs(c) < 0)
		_exit(1);
	if (builtin_find(c->argv[0]))
		_exit(builtin_run(c));
	execvp(c->argv[0], c->argv);
	if (errno == ENOENT) {
		fprintf(stderr, "sh: %s: command not found\n", c->argv[0]);
		_exit(127);
	}
	fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(errno));
	_exit(126);
}

/* A lone builtin runs in the shell itself (cd and exit must), with its
 * redirections applied around it and undone afterwards. */
static int run_builtin_here(struct command *c)
{
	int saved[3], r;

	for (int i = 0; i < 3; i++)
		saved[i] = dup(i);
	r = apply_redirs(c) < 0 ? 1 : builtin_run(c);
	fflush(stdout);
	fflush(stderr);
	for (int i = 0; i < 3; i++) {
		if (saved[i] >= 0) {
			dup2(saved[i], i);
			close(saved[i]);
		}
	}
	return r;
}

static void give_terminal(pid_t pgid)
{
	if (sh_interactive)
		tcsetpgrp(0, pgid);     /* fails harmlessly without a tty */
}

static int wait_foreground(pid_t *pids, int n)
{
	int status = 0, last = 0;

	for (int i = 0; i < n; i++) {
		while (waitpid(pids[i], &status, WUNTRACED) < 0) {
			if (errno != EINTR) {
				status = 0;
				break;
			}
		}
		if (i == n - 1)
			last = status;
	}
	return last;
}

int run_pipeline(struct pipeline *pl)
{
	pid_t pids[MAX_CMDS], pgid = 0;
	int in = -1, status;

	if (pl->ncmds == 1 && pl->cmds[0].argc == 0) {
		/* plain NAME=value: the token text dies with the line, so copy */
		for (int i = 0; i < pl->cmds[0].nassign; i++)
			putenv(strdup(pl->cmds[0].assign[i]));
		return 0;
	}
	if (pl->ncmds == 1 && !pl->background &&
	    builtin_find(pl->cmds[0].argv[0]) && !pl->cmds[0].nassign)
		return run_builtin_here(&pl->cmds[0]);
	fflush(stdout);
	for (int i = 0; i < pl->ncmds; i++) {
		int fds[2] = { -1, -1 };
		if (i + 1 < pl->ncmds && pipe(fds) < 0) {
			perror("sh: pipe");
			break;
		}
		pid_t pid = fork();
		if (pid < 0) {
			perror("sh: fork");
			if (fds[0] >= 0) {
				close(fds[0]);
				close(fds[1]);
			}
			pl->ncmds = i;
			break;
		}
		if (pid == 0) {
			if (sh_interactive) {
				setpgid(0, pgid);
				if (!pl->background)
					give_terminal(pgid ? pgid : getpid());
			}
			child_signals_default();
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			} else if (pl->background && !sh_interactive) {
				int nul = open("/dev/null", O_RDONLY);
				if (nul >= 0) {
					dup2(nul, 0);
					close(nul);
				}
			}
			if (fds[1] >= 0) {
				dup2(fds[1], 1);
				close(fds[1]);
				close(fds[0]);
			}
			child_exec(&pl->cmds[i]);
		}
		if (!pgid)
			pgid = pid;
		if (sh_interactive)
			setpgid(pid, pgid);
		pids[i] = pid;
		if (in >= 0)
			close(in);
		in = fds[0];
		if (fds[1] >= 0)
			close(fds[1]);
	}
	if (in >= 0)
		close(in);
	if (pl->ncmds == 0)
		return 1;
	if (pl->background) {
		jobs_add(pgid, pids, pl->ncmds, pl->text);
		return 0;
	}
	give_terminal(pgid);
	status = wait_foreground(pids, pl->ncmds);
	give_terminal(sh_pgid);
	return status_to_exit(status, 1);
}

/* Run one input line: its pipelines in order, honouring && and ||. Each
 * pipeline is lexed (and so expanded) just before it runs. */
int run_line(const char *line)
{
	static struct token toks[MAX_WORDS * 2];
	static struct pipeline pl;
	const char *p = line;
	enum tok_kind prev = T_SEMI;

	while (*p) {
		int n, pos = 0, r, skip;

		skip = (prev == T_ANDAND && sh_last_status != 0) ||
		       (prev == T_OROR && sh_last_status == 0);
		n = lex_line(&p, toks, MAX_WORDS * 2);
		if (n < 0) {
			sh_last_status = 2;
			return 2;
		}
		r = parse_pipeline(toks, n, &pos, &pl);
		if (r > 0 && !skip)
			sh_last_status = run_pipeline(&pl);
		else if (r < 0)
			sh_last_status = 2;
		lex_free(toks, n);
		if (r <= 0)
			break;
		/* a skipped && / || chain keeps skipping to its end */
		if (!(skip && (pl.next_op == T_ANDAND || pl.next_op == T_OROR) &&
		      pl.next_op == prev))
			prev = pl.next_op;
	}
	return sh_last_status;
}
