/* basename/dirname (POSIX <libgen.h>: may modify the argument). */
#include <libgen.h>
#include <string.h>

char *basename(char *path)
{
	size_t n;

	if (!path || !*path)
		return ".";
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = 0;
	char *s = strrchr(path, '/');
	return s && s[1] ? s + 1 : path;
}

char *dirname(char *path)
{
	size_t n;

	if (!path || !*path)
		return ".";
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	while (n > 0 && path[n - 1] != '/')
		n--;
	if (n == 0)
		return ".";
	while (n > 1 && path[n - 1] == '/')
		n--;
	path[n] = 0;
	return path;
}
