/* The runner behind unit.h, plus the host stand-ins kernel files expect
 * (printk, panic, the interrupt flag). panic() fails the current test. */
#include <stdarg.h>
#include <string.h>
#include "unit.h"

struct unit_test unit_tests[256];
int unit_ntests;
jmp_buf unit_jmp;
char unit_msg[512];
unsigned long host_irq_flags = 0x200;
int unit_verbose;

int printk(const char *fmt, ...);
int printk(const char *fmt, ...)
{
	va_list ap;

	if (!unit_verbose)
		return 0;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	return 0;
}

void panic(const char *fmt, ...);
void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strcpy(unit_msg, "panic: ");
	vsnprintf(unit_msg + 7, sizeof(unit_msg) - 7, fmt, ap);
	va_end(ap);
	longjmp(unit_jmp, 1);
}

int unit_run_all(void)
{
	static int passed, failed;
	static int i;

	unit_verbose = getenv("UNIT_VERBOSE") != NULL;
	for (i = 0; i < unit_ntests; i++) {
		if (setjmp(unit_jmp) == 0) {
			unit_tests[i].fn();
			printf("PASS %s\n", unit_tests[i].name);
			passed++;
		} else {
			printf("FAIL %s: %s\n", unit_tests[i].name, unit_msg);
			failed++;
		}
		fflush(stdout);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
