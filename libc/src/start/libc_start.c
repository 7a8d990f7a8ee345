/* C runtime start: called by _start (arch/x86_64/crt0.S) with the initial
 * stack pointer. Splits the stack into argc/argv/envp, sets environ and
 * runs main; main's return value goes to exit(), which flushes stdio. */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp);

/* Bounds of .init_array, provided by the linker's default script. */
extern void (*__init_array_start[])(void) __attribute__((weak));
extern void (*__init_array_end[])(void) __attribute__((weak));

char **environ;
char *__progname = "";

__attribute__((noreturn)) void __libc_start_main(long *sp);

void __libc_start_main(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;

	environ = envp;
	if (argc > 0 && argv[0]) {
		char *slash = argv[0];
		for (char *p = argv[0]; *p; p++)
			if (*p == '/')
				slash = p + 1;
		__progname = slash;
	}
	/* Constructors (none in libc itself; programs may have some). */
	for (void (**fn)(void) = __init_array_start; fn < __init_array_end; fn++)
		(*fn)();
	exit(main(argc, argv, envp));
}
