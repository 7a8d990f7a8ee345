/* stdio streams on files and pipes: buffering, mixed read/write, seeks,
 * ungetc, fgets/getline edge cases, sscanf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include "check.h"

static char path[] = "/tmp/libc_stdio_XXXXXX";

static void test_file_roundtrip(void)
{
	FILE *f = fopen(path, "w");
	char line[64], big[10000];

	CHECK(f != NULL);
	for (int i = 0; i < 1000; i++)
		fprintf(f, "line %d\n", i);
	CHECK_INT(fclose(f), 0);
	f = fopen(path, "r");
	int n = 0, ok = 1;
	while (fgets(line, sizeof(line), f)) {
		char want[32];
		snprintf(want, sizeof(want), "line %d\n", n++);
		if (strcmp(line, want))
			ok = 0;
	}
	CHECK(ok);
	CHECK_INT(n, 1000);
	CHECK(feof(f) && !ferror(f));
	rewind(f);
	CHECK(!feof(f));
	CHECK_INT(fgetc(f), 'l');
	CHECK_INT(ungetc('X', f), 'X');
	CHECK_INT(fgetc(f), 'X');
	CHECK_INT(fgetc(f), 'i');
	CHECK_INT(ftell(f), 2);
	CHECK_INT(fseek(f, -4, SEEK_END), 0);
	CHECK(fgets(line, sizeof(line), f) && !strcmp(line, "999\n"));
	fseek(f, 0, SEEK_SET);
	size_t got = fread(big, 1, sizeof(big), f);
	CHECK(got > 8000 && !memcmp(big, "line 0\nline 1\n", 14));
	fclose(f);

	/* fgets with a small buffer splits lines; size 1 gives "" */
	f = fopen(path, "r");
	CHECK(fgets(line, 4, f) && !strcmp(line, "lin"));
	CHECK(fgets(line, 1, f) == NULL || line[0] == 0);
	fclose(f);
}

static void test_update_mode(void)
{
	FILE *f = fopen(path, "w+");
	char buf[32];

	fputs("hello world", f);
	fseek(f, 6, SEEK_SET);
	fputs("WORLD", f);
	fseek(f, 0, SEEK_SET);
	CHECK(fgets(buf, sizeof(buf), f) && !strcmp(buf, "hello WORLD"));
	fclose(f);
	f = fopen(path, "a");
	fputs("!", f);
	fclose(f);
	f = fopen(path, "r");
	CHECK(fgets(buf, sizeof(buf), f) && !strcmp(buf, "hello WORLD!"));
	CHECK(fputs("x", f) == EOF);          /* read-only stream */
	CHECK(ferror(f));
	fclose(f);
	CHECK(fopen("/nonexistent/dir/file", "r") == NULL);
	CHECK_INT(errno, ENOENT);
	CHECK(fopen(path, "q") == NULL);
	CHECK_INT(errno, EINVAL);
}

static void test_getline(void)
{
	FILE *f = fopen(path, "w");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	for (int i = 0; i < 300; i++)
		fputc('a' + i % 26, f);
	fputs("\nshort\nno-newline", f);
	fclose(f);
	f = fopen(path, "r");
	n = getline(&line, &cap, f);
	CHECK_INT(n, 301);
	CHECK(cap >= 302 && line[300] == '\n' && line[301] == 0);
	n = getline(&line, &cap, f);
	CHECK_INT(n, 6);
	CHECK_STR(line, "short\n");
	n = getline(&line, &cap, f);
	CHECK_INT(n, 10);
	CHECK_STR(line, "no-newline");
	CHECK_INT(getline(&line, &cap, f), -1);
	free(line);
	fclose(f);
}

static void test_pipe_buffering(void)
{
	int fds[2];
	char buf[64];

	CHECK_INT(pipe(fds), 0);
	FILE *w = fdopen(fds[1], "w");
	CHECK(w != NULL);
	setvbuf(w, NULL, _IOFBF, 128);
	fputs("buffered", w);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	CHECK_INT(read(fds[0], buf, sizeof(buf)), -1);    /* still in buffer */
	CHECK_INT(errno, EAGAIN);
	fflush(w);
	CHECK_INT(read(fds[0], buf, sizeof(buf)), 8);
	setvbuf(w, NULL, _IOLBF, 0);
	fputs("line\n", w);
	CHECK_INT(read(fds[0], buf, sizeof(buf)), 5);     /* flushed at \n */
	setvbuf(w, NULL, _IONBF, 0);
	fputc('z', w);
	CHECK_INT(read(fds[0], buf, sizeof(buf)), 1);
	fclose(w);
	close(fds[0]);
	CHECK_INT(fileno(stdin), 0);
	CHECK_INT(fileno(stderr), 2);
}

static void test_sscanf(void)
{
	int a = 0, b = 0;
	unsigned u = 0;
	long l = 0;
	char s[16] = "", c = 0, set[16] = "";

	CHECK_INT(sscanf("12 34", "%d %d", &a, &b), 2);
	CHECK(a == 12 && b == 34);
	CHECK_INT(sscanf("pid: 77 (init) S", "pid: %d (%15[^)]) %c", &a, s, &c), 3);
	CHECK(a == 77 && !strcmp(s, "init") && c == 'S');
	CHECK_INT(sscanf("ff 0x10 -5", "%x %i %ld", &u, &b, &l), 3);
	CHECK(u == 255 && b == 16 && l == -5);
	CHECK_INT(sscanf("abc", "%d", &a), 0);
	CHECK_INT(sscanf("", "%d", &a), -1);
	CHECK_INT(sscanf("word rest", "%s", s), 1);
	CHECK_STR(s, "word");
	CHECK_INT(sscanf("12345", "%3d%d", &a, &b), 2);
	CHECK(a == 123 && b == 45);
	CHECK_INT(sscanf("key=value", "%15[a-z]=%15s", set, s), 2);
	CHECK(!strcmp(set, "key") && !strcmp(s, "value"));
	int n = 0;
	CHECK_INT(sscanf("1 2", "%*d %d%n", &a, &n), 1);
	CHECK(a == 2 && n == 3);
}

int main(void)
{
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	close(fd);
	test_file_roundtrip();
	test_update_mode();
	test_getline();
	test_pipe_buffering();
	test_sscanf();
	unlink(path);
	return check_summary();
}
