/* malloc/calloc/realloc/free stress: random sizes from 0 to 1 MiB (so both
 * the brk classes and the mmap path run), every block filled with a
 * pattern derived from its slot and checked before it is resized or
 * freed, so any overlap or lost data shows up. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include "check.h"

#define SLOTS 512

static unsigned char *blk[SLOTS];
static size_t len[SLOTS];

static void fill(int i)
{
	for (size_t k = 0; k < len[i]; k++)
		blk[i][k] = (unsigned char)(i * 31 + k);
}

static int intact(int i, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (blk[i][k] != (unsigned char)(i * 31 + k))
			return 0;
	return 1;
}

static size_t rand_size(void)
{
	int r = rand() % 100;

	if (r < 60) return rand() % 256;
	if (r < 90) return rand() % 16384;
	if (r < 98) return rand() % 200000;
	return 200000 + rand() % (1 << 20);
}

int main(void)
{
	int bad = 0, misaligned = 0;

	srand(42);
	for (int round = 0; round < 20000; round++) {
		int i = rand() % SLOTS;
		int op = rand() % 3;
		if (blk[i] && !intact(i, len[i]))
			bad++;
		if (op == 0) {
			free(blk[i]);
			blk[i] = NULL;
			len[i] = 0;
		} else if (op == 1 || !blk[i]) {
			free(blk[i]);
			len[i] = rand_size();
			blk[i] = malloc(len[i]);
			if (!blk[i] && len[i])
				bad++;
			fill(i);
		} else {
			size_t n = rand_size(), keep = n < len[i] ? n : len[i];
			unsigned char *p = realloc(blk[i], n);
			if (!p && n) {
				bad++;
				continue;
			}
			blk[i] = p;
			if (p && !intact(i, keep))
				bad++;
			len[i] = n;
			if (p)
				fill(i);
		}
		if (blk[i] && ((uintptr_t)blk[i] & 15))
			misaligned++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(misaligned, 0);
	for (int i = 0; i < SLOTS; i++)
		free(blk[i]);

	/* calloc zeroes even recycled memory, and checks overflow. */
	unsigned char *p = malloc(1000);
	memset(p, 0xaa, 1000);
	free(p);
	p = calloc(10, 100);
	int zero = 1;
	for (int k = 0; k < 1000; k++)
		if (p[k])
			zero = 0;
	CHECK(zero);
	free(p);
	errno = 0;
	CHECK(calloc(SIZE_MAX / 2, 3) == NULL);
	CHECK_INT(errno, ENOMEM);
	CHECK(malloc(SIZE_MAX - 10) == NULL);

	/* Large blocks: 64 MiB through mmap, touched end to end. */
	size_t big = 64u << 20;
	unsigned char *b = malloc(big);
	CHECK(b != NULL);
	if (b) {
		b[0] = 1;
		b[big - 1] = 2;
		b = realloc(b, big + 4096);
		CHECK(b && b[0] == 1 && b[big - 1] == 2);
		free(b);
	}
	/* realloc(NULL) is malloc; realloc to 0 frees. */
	p = realloc(NULL, 10);
	CHECK(p != NULL);
	CHECK(realloc(p, 0) == NULL);

	void *al = NULL;
	CHECK_INT(posix_memalign(&al, 4096, 100), 0);
	CHECK(al && ((uintptr_t)al & 4095) == 0);
	if (al) {
		memset(al, 1, 100);
		al = realloc(al, 5000);
		CHECK(al && ((unsigned char *)al)[99] == 1);
		free(al);
	}
	CHECK_INT(posix_memalign(&al, 3, 100), EINVAL);
	return check_summary();
}
