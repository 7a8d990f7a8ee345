/* Parser: tokens -> one pipeline at a time. Grammar (a subset of POSIX
 * 2.9): list = pipeline { (; & && ||) pipeline }; pipeline = command
 * { | command }; command = { NAME=value } word { word | redirection }. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "sh.h"

static int syntax(const char *what)
{
	fprintf(stderr, "sh: syntax error near %s\n", what);
	return -1;
}

static int is_assignment(const char *w)
{
	const char *eq = strchr(w, '=');

	if (!eq || eq == w)
		return 0;
	for (const char *p = w; p < eq; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (p > w && *p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

static int add_redir(struct command *c, struct token *op, struct token *arg)
{
	struct redir *r;

	if (!arg || arg->kind != T_WORD)
		return syntax("redirection");
	if (c->nredir >= MAX_REDIRS)
		return syntax("too many redirections");
	r = &c->redirs[c->nredir++];
	r->path = arg->text;
	if (!strcmp(op->text, "<")) {
		r->kind = R_IN;
		r->fd = op->fd >= 0 ? op->fd : 0;
	} else if (!strcmp(op->text, ">>")) {
		r->kind = R_APPEND;
		r->fd = op->fd >= 0 ? op->fd : 1;
	} else if (!strcmp(op->text, ">&") || !strcmp(op->text, "<&")) {
		r->kind = R_DUP;
		r->fd = op->fd >= 0 ? op->fd : (op->text[0] == '<' ? 0 : 1);
	} else {
		r->kind = R_OUT;
		r->fd = op->fd >= 0 ? op->fd : 1;
	}
	return 0;
}

/* Parse the pipeline starting at *pos. Returns 1 if one was parsed, 0 at
 * the end of input, -1 on a syntax error. Word strings stay owned by toks. */
int parse_pipeline(struct token *toks, int n, int *pos, struct pipeline *pl)
{
	int i = *pos;
	struct command *c;

	memset(pl, 0, sizeof(*pl));
	if (toks[i].kind == T_END)
		return 0;
	c = &pl->cmds[0];
	pl->ncmds = 1;
	for (; i < n; i++) {
		struct token *t = &toks[i];
		switch (t->kind) {
		case T_WORD:
			if (c->argc == 0 && is_assignment(t->text) &&
			    c->nassign < MAX_ASSIGN)
				c->assign[c->nassign++] = t->text;
			else if (c->argc < MAX_WORDS)
				c->argv[c->argc++] = t->text;
			else
				return syntax("too many words");
			break;
		case T_REDIR:
			if (add_redir(c, t, i + 1 < n ? &toks[i + 1] : NULL) < 0)
				return -1;
			i++;
			break;
		case T_PIPE:
			if (c->argc == 0)
				return syntax("`|'");
			if (pl->ncmds >= MAX_CMDS)
				return syntax("pipeline too long");
			c = &pl->cmds[pl->ncmds++];
			break;
		default:        /* ; & && || END */
			if (c->argc == 0 && (pl->ncmds > 1 || c->nredir))
				return syntax("end of command");
			if (c->argc == 0 && c->nassign == 0 && t->kind != T_END)
				return syntax(t->kind == T_AND ? "`&'" : "`;'");
			pl->background = t->kind == T_AND;
			pl->next_op = t->kind;
			*pos = t->kind == T_END ? i : i + 1;
			for (int k = 0; k < pl->ncmds; k++) {
				for (int w = 0; w < pl->cmds[k].argc; w++) {
					size_t l = strlen(pl->text);
					snprintf(pl->text + l, sizeof(pl->text) - l,
						 "%s%s", l ? " " : "",
						 pl->cmds[k].argv[w]);
				}
				if (k + 1 < pl->ncmds)
					strncat(pl->text, " |",
						sizeof(pl->text) - strlen(pl->text) - 1);
			}
			return 1;
		}
	}
	return syntax("end of line");
}
