/* crash: dereference NULL, so tests can check that a user fault kills
 * only this process (SIGSEGV) and the shell reports it. */
#include <stdio.h>

int main(void)
{
	volatile int *p = (volatile int *)0;

	printf("crash: writing to NULL\n");
	fflush(stdout);
	*p = 42;
	return 0;
}
