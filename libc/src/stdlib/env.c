/* The environment. environ starts as the kernel's envp array; the first
 * setenv/unsetenv copies it into a malloc'ed array we own (strings we
 * allocated are never freed: other code may still hold them). */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

static char **owned;      /* environ when we own the array */

static size_t env_count(void)
{
	size_t n = 0;

	while (environ && environ[n])
		n++;
	return n;
}

static char **env_find(const char *name, size_t len)
{
	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return e;
	return NULL;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	char **e = env_find(name, len);

	return e ? *e + len + 1 : NULL;
}

static int env_own(size_t extra)
{
	size_t n = env_count();
	char **a;

	if (environ == owned) {
		a = realloc(owned, (n + extra + 1) * sizeof(char *));
	} else {
		a = malloc((n + extra + 1) * sizeof(char *));
		if (a && n)
			memcpy(a, environ, n * sizeof(char *));
	}
	if (!a)
		return -1;
	a[n] = NULL;
	environ = owned = a;
	return 0;
}

/* Install "name=value" s, replacing an existing entry. */
static int env_put(char *s, size_t namelen)
{
	char **e = env_find(s, namelen);
	size_t n;

	if (e) {
		*e = s;
		return 0;
	}
	if (env_own(1) < 0)
		return -1;
	n = env_count();
	environ[n] = s;
	environ[n + 1] = NULL;
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t nl, vl;
	char *s;

	if (!name || !*name || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	nl = strlen(name);
	if (!overwrite && env_find(name, nl))
		return 0;
	vl = strlen(value);
	s = malloc(nl + vl + 2);
	if (!s)
		return -1;
	memcpy(s, name, nl);
	s[nl] = '=';
	memcpy(s + nl + 1, value, vl + 1);
	return env_put(s, nl);
}

int putenv(char *s)
{
	char *eq = strchr(s, '=');

	if (!eq)
		return unsetenv(s);
	return env_put(s, eq - s);
}

int unsetenv(const char *name)
{
	size_t nl;
	char **e;

	if (!name || !*name || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	nl = strlen(name);
	while ((e = env_find(name, nl))) {
		if (environ != owned) {
			if (env_own(0) < 0)
				return -1;
			continue;
		}
		do
			e[0] = e[1];
		while (*e++);
	}
	return 0;
}

int clearenv(void)
{
	if (env_own(0) < 0)
		return -1;
	environ[0] = NULL;
	return 0;
}
