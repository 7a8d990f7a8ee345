/* memhog MB: touch MB megabytes of fresh memory, one page at a time, to
 * show what running out of memory does: the kernel refuses the page, the
 * program dies, everything else goes on. Prints its progress in MB. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	long mb = argc > 1 ? atol(argv[1]) : 64;

	for (long i = 0; i < mb; i++) {
		char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			printf("memhog: mmap failed after %ld MB\n", i);
			return 1;
		}
		for (int off = 0; off < (1 << 20); off += 4096)
			p[off] = 1;
		if (i % 16 == 0) {
			printf("memhog: %ld MB\n", i);
			fflush(stdout);
		}
	}
	printf("memhog: touched %ld MB\n", mb);
	return 0;
}
