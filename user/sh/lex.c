/* Lexer: quoting as POSIX sh (2.2): '...' is literal, "..." keeps $
 * expansion and \" \\ \$ escapes, a bare backslash quotes the next
 * character. Unquoted '#' at a word start begins a comment. Operators:
 * | || & && ; < > >> [n]> [n]>> [n]< [n]>&m. Expansion happens here: $?,
 * $$, $NAME, ${NAME}. No globbing, no field splitting of expansions. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdio.h>
#include <unistd.h>
#include "sh.h"

struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = 0;
}

/* Expand the $-form at *pp (pointing at '$') into b. */
static void expand_dollar(const char **pp, struct buf *b)
{
	const char *p = *pp + 1;
	char name[128], num[24];
	size_t n = 0;
	int braced = *p == '{';

	if (*p == '?' || *p == '$') {
		snprintf(num, sizeof(num), "%d",
			 *p == '?' ? sh_last_status : (int)getpid());
		buf_add(b, num, strlen(num));
		*pp = p + 1;
		return;
	}
	if (braced)
		p++;
	while ((isalnum((unsigned char)*p) || *p == '_') && n < sizeof(name) - 1)
		name[n++] = *p++;
	name[n] = 0;
	if (braced) {
		if (*p != '}') {            /* not a valid ${...}: keep literal */
			buf_add(b, "$", 1);
			*pp = *pp + 1;
			return;
		}
		p++;
	}
	if (!n) {
		buf_add(b, "$", 1);
		*pp = *pp + 1;
		return;
	}
	const char *v = getenv(name);
	if (v)
		buf_add(b, v, strlen(v));
	*pp = p;
}

static int is_op_char(char c)
{
	return c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
}

/* Read one operator at *pp; fd is an explicit descriptor prefix or -1. */
static void lex_op(const char **pp, struct token *t, int fd)
{
	const char *p = *pp;

	t->fd = fd;
	t->text = NULL;
	if (p[0] == '|' && p[1] == '|') { t->kind = T_OROR; p += 2; }
	else if (p[0] == '|') { t->kind = T_PIPE; p++; }
	else if (p[0] == '&' && p[1] == '&') { t->kind = T_ANDAND; p += 2; }
	else if (p[0] == '&') { t->kind = T_AND; p++; }
	else if (p[0] == ';') { t->kind = T_SEMI; p++; }
	else {
		size_t n = (p[1] == '>' || p[1] == '&') ? 2 : 1;
		t->kind = T_REDIR;
		t->text = strndup(p, n);
		p += n;
	}
	*pp = p;
}

/* Lex one pipeline from *pp: tokens up to and including the list
 * operator that ends it (; & && || or T_END). Expanding one pipeline at a
 * time lets "false; echo $?" see the status of false. Returns the number
 * of tokens or -1 on a syntax error; *pp moves past what was read. */
int lex_line(const char **pp, struct token *toks, int max)
{
	const char *p = *pp;
	int n = 0;

	for (;;) {
		struct buf b = { 0 };
		int quoted = 0, any = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (n >= max - 1)
			return -1;
		if (!*p || *p == '#') {
			toks[n].kind = T_END;
			toks[n].text = NULL;
			*pp = p + strlen(p);
			return n + 1;
		}
		if (isdigit((unsigned char)p[0]) && (p[1] == '>' || p[1] == '<')) {
			int fd = p[0] - '0';
			p++;
			lex_op(&p, &toks[n++], fd);
			continue;
		}
		if (is_op_char(*p)) {
			lex_op(&p, &toks[n++], -1);
			enum tok_kind k = toks[n - 1].kind;
			if (k == T_SEMI || k == T_AND || k == T_ANDAND ||
			    k == T_OROR) {
				*pp = p;
				return n;
			}
			continue;
		}
		while (*p && (quoted || (!isspace((unsigned char)*p) &&
					 !is_op_char(*p)))) {
			any = 1;
			if (*p == '\'' && !quoted) {
				const char *e = strchr(p + 1, '\'');
				if (!e)
					goto unterminated;
				buf_add(&b, p + 1, e - p - 1);
				p = e + 1;
			} else if (*p == '"') {
				quoted = !quoted;
				p++;
			} else if (*p == '\\' && p[1] &&
				   (!quoted || strchr("\"\\$`", p[1]))) {
				buf_add(&b, p + 1, 1);
				p += 2;
			} else if (*p == '$') {
				expand_dollar(&p, &b);
			} else {
				buf_add(&b, p, 1);
				p++;
			}
		}
		if (quoted)
			goto unterminated;
		if (any) {
			toks[n].kind = T_WORD;
			toks[n].text = b.s ? b.s : strdup("");
			toks[n].fd = -1;
			n++;
		}
		continue;
unterminated:
		free(b.s);
		lex_free(toks, n);
		fprintf(stderr, "sh: syntax error: unterminated quote\n");
		return -1;
	}
}

void lex_free(struct token *toks, int n)
{
	for (int i = 0; i < n; i++)
		free(toks[i].text);
}
