/* Process exit: atexit handlers in reverse order of registration, then
 * stdio buffers are flushed, then exit_group(2) ends every thread (we have
 * one, but exit(2) alone is the per-thread call). */
#include <stdlib.h>
#include <unistd.h>
#include "../syscall.h"

#define ATEXIT_MAX 32

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

/* Defined by stdio when it is linked in (weak: programs without stdio do
 * not pull it in). */
void __stdio_exit(void) __attribute__((weak));

int atexit(void (*fn)(void))
{
	if (atexit_count >= ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

void exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	if (__stdio_exit)
		__stdio_exit();
	_exit(status);
}

void _exit(int status)
{
	for (;;) {
		__sys(__NR_exit_group, status);
		__sys(__NR_exit, status);
	}
}

void _Exit(int status)
{
	_exit(status);
}
