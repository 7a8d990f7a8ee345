/* sh: a small POSIX-like shell with job control.
 *
 *   main.c     read lines (prompt "$ "), run them; -c and script modes
 *   lex.c      split a line into words and operators, with quoting and
 *              $VAR / $? / $$ expansion
 *   parse.c    words -> lists of pipelines of commands with redirections
 *   exec.c     fork/exec a pipeline in its own process group, make it the
 *              terminal's foreground group, wait, report signal deaths
 *   builtin.c  cd, exit, pwd, export, unset, wait, jobs
 *   jobs.c     background jobs: table, reaping, "Done" messages
 */
#ifndef SH_H
#define SH_H

#include <sys/types.h>

#define MAX_WORDS   256
#define MAX_CMDS    16
#define MAX_REDIRS  8
#define MAX_ASSIGN  16

enum tok_kind { T_WORD, T_PIPE, T_AND, T_SEMI, T_ANDAND, T_OROR, T_REDIR, T_END };

struct token {
	enum tok_kind kind;
	char *text;            /* T_WORD: expanded text; T_REDIR: operator */
	int fd;                /* T_REDIR: explicit fd prefix or -1 */
};

enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUP };

struct redir {
	enum redir_kind kind;
	int fd;                /* the descriptor redirected */
	char *path;            /* file, or for R_DUP the source fd text */
};

struct command {
	char *argv[MAX_WORDS + 1];
	int argc;
	char *assign[MAX_ASSIGN];   /* NAME=value prefixes */
	int nassign;
	struct redir redirs[MAX_REDIRS];
	int nredir;
};

struct pipeline {
	struct command cmds[MAX_CMDS];
	int ncmds;
	int background;
	enum tok_kind next_op;      /* T_SEMI, T_AND, T_ANDAND, T_OROR, T_END */
	char text[256];             /* for job messages */
};

extern int sh_interactive;      /* prompts and job control */
extern int sh_last_status;      /* $? */
extern pid_t sh_pgid;           /* the shell's own process group */

int lex_line(const char **pp, struct token *toks, int max);
void lex_free(struct token *toks, int n);
int parse_pipeline(struct token *toks, int n, int *pos, struct pipeline *pl);
int run_line(const char *line);
int run_pipeline(struct pipeline *pl);
int apply_redirs(const struct command *c);
int builtin_find(const char *name);
int builtin_run(const struct command *c);
void jobs_add(pid_t pgid, pid_t *pids, int n, const char *text);
void jobs_reap(int report);
int jobs_wait_all(void);
void jobs_list(void);
int status_to_exit(int status, int report);

#endif
