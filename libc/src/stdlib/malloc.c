/* malloc: power-of-two size classes carved from the brk heap, and mmap for
 * large blocks.
 *
 * Every block starts with a 16-byte header (so user pointers stay 16-byte
 * aligned for SSE). Small blocks (<= 64 KiB including the header) belong to
 * one of 12 classes, 32 << k bytes; a freed block goes onto its class's free
 * list and is reused as is, never split or merged: simple, O(1), and the
 * waste is bounded by 2x. New blocks come from an arena grown with brk(2) in
 * 256 KiB steps; if brk cannot grow (the kernel returns the old break) the
 * arena falls back to anonymous mmap. Large blocks get their own mapping,
 * returned to the kernel by free. The magic word catches double frees and
 * foreign pointers: both abort with a message, as glibc does. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>
#include "../syscall.h"

#define HDR          16
#define MIN_SHIFT    5                 /* 32-byte smallest block */
#define NCLASSES     12                /* up to 32 << 11 = 64 KiB */
#define MAX_SMALL    (32UL << (NCLASSES - 1))
#define ARENA_STEP   (256UL * 1024)
#define PAGE         4096UL

#define MAGIC_USED   0x4d41u           /* per-block state in the header */
#define MAGIC_FREE   0x4652u
#define CLASS_MMAP   0xff
#define CLASS_ALIGNED 0xfe

struct hdr {
	uint16_t magic;
	uint8_t cls;
	uint8_t pad[5];
	size_t len;        /* mmap: mapping length; aligned: offset to base */
};
_Static_assert(sizeof(struct hdr) == HDR, "malloc header is 16 bytes");

struct free_block {
	struct hdr h;
	struct free_block *next;
};

static struct free_block *free_list[NCLASSES];
static char *arena_cur, *arena_end;

static __attribute__((noreturn)) void malloc_abort(const char *msg)
{
	write(2, msg, strlen(msg));
	abort();
}

static int size_class(size_t total)
{
	int k = 0;

	while ((32UL << k) < total)
		k++;
	return k;
}

/* Grow the arena by at least `need` bytes: brk first, mmap if brk fails. */
static int arena_grow(size_t need)
{
	size_t step = need > ARENA_STEP ? (need + PAGE - 1) & ~(PAGE - 1)
					: ARENA_STEP;
	unsigned long cur = __sys(__NR_brk, 0);
	unsigned long got;

	if (arena_end && (unsigned long)arena_end == cur) {
		got = __sys(__NR_brk, cur + step);
		if (got == cur + step) {
			arena_end = (char *)got;
			return 0;
		}
	} else if (cur < -4096UL) {
		unsigned long base = (cur + 15) & ~15UL;
		got = __sys(__NR_brk, base + step);
		if (got == base + step) {
			arena_cur = (char *)base;
			arena_end = (char *)got;
			return 0;
		}
	}
	void *p = mmap(NULL, step, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	arena_cur = p;
	arena_end = (char *)p + step;
	return 0;
}

static void *alloc_small(int k)
{
	size_t bsize = 32UL << k;
	struct hdr *h;

	if (free_list[k]) {
		struct free_block *b = free_list[k];
		free_list[k] = b->next;
		h = &b->h;
	} else {
		if ((size_t)(arena_end - arena_cur) < bsize &&
		    arena_grow(bsize) < 0)
			return NULL;
		h = (struct hdr *)arena_cur;
		arena_cur += bsize;
	}
	h->magic = MAGIC_USED;
	h->cls = (uint8_t)k;
	h->len = 0;
	return (char *)h + HDR;
}

static void *alloc_large(size_t total)
{
	size_t len = (total + PAGE - 1) & ~(PAGE - 1);
	struct hdr *h = mmap(NULL, len, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (h == MAP_FAILED)
		return NULL;
	h->magic = MAGIC_USED;
	h->cls = CLASS_MMAP;
	h->len = len;
	return (char *)h + HDR;
}

void *malloc(size_t size)
{
	void *p;

	if (size > PTRDIFF_MAX - PAGE - HDR) {
		errno = ENOMEM;
		return NULL;
	}
	if (size + HDR <= MAX_SMALL)
		p = alloc_small(size_class(size + HDR));
	else
		p = alloc_large(size + HDR);
	if (!p)
		errno = ENOMEM;
	return p;
}

static struct hdr *hdr_of(void *p, const char *who)
{
	struct hdr *h = (struct hdr *)((char *)p - HDR);

	if (h->magic == MAGIC_FREE)
		malloc_abort(who[0] == 'f' ? "free(): double free detected\n"
					   : "realloc(): freed pointer\n");
	if (h->magic != MAGIC_USED ||
	    (h->cls >= NCLASSES && h->cls != CLASS_MMAP &&
	     h->cls != CLASS_ALIGNED))
		malloc_abort(who[0] == 'f' ? "free(): invalid pointer\n"
					   : "realloc(): invalid pointer\n");
	return h;
}

void free(void *p)
{
	struct hdr *h;

	if (!p)
		return;
	h = hdr_of(p, "free");
	if (h->cls == CLASS_ALIGNED) {
		h->magic = MAGIC_FREE;
		free((char *)h - h->len);
		return;
	}
	h->magic = MAGIC_FREE;
	if (h->cls == CLASS_MMAP) {
		munmap(h, h->len);
		return;
	}
	struct free_block *b = (struct free_block *)h;
	b->next = free_list[h->cls];
	free_list[h->cls] = b;
}

/* Usable bytes of a live block. */
static size_t block_usable(struct hdr *h)
{
	if (h->cls == CLASS_MMAP)
		return h->len - HDR;
	return (32UL << h->cls) - HDR;
}

void *realloc(void *p, size_t size)
{
	struct hdr *h;
	void *n;
	size_t have;

	if (!p)
		return malloc(size);
	if (!size) {
		free(p);
		return NULL;
	}
	h = hdr_of(p, "realloc");
	if (h->cls == CLASS_ALIGNED) {
		char *base = (char *)h - h->len;
		have = block_usable(hdr_of(base, "realloc")) -
		       (size_t)((char *)p - base);
	} else
		have = block_usable(h);
	if (h->cls != CLASS_ALIGNED && size <= have &&
	    (h->cls == CLASS_MMAP ? size + HDR > MAX_SMALL
				  : (h->cls == 0 || size + HDR > (16UL << h->cls))))
		return p;       /* still the right class: keep it in place */
	n = malloc(size);
	if (!n)
		return NULL;
	memcpy(n, p, have < size ? have : size);
	free(p);
	return n;
}

void *calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(total);
	if (p)
		memset(p, 0, total);    /* recycled blocks are dirty */
	return p;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(n, size, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, total);
}

int posix_memalign(void **out, size_t align, size_t size)
{
	char *base, *p;
	struct hdr *h;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	if (align <= HDR) {
		p = malloc(size);
		if (!p)
			return ENOMEM;
		*out = p;
		return 0;
	}
	/* Over-allocate, then put a forwarding header before the aligned
	 * pointer that tells free() where the real block starts. */
	base = malloc(size + align + HDR);
	if (!base)
		return ENOMEM;
	p = (char *)(((uintptr_t)base + HDR + align - 1) & ~(align - 1));
	h = (struct hdr *)(p - HDR);
	h->magic = MAGIC_USED;
	h->cls = CLASS_ALIGNED;
	h->len = (size_t)((char *)h - base);
	*out = p;
	return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
	void *p;
	int e = posix_memalign(&p, align, size);

	if (e) {
		errno = e;
		return NULL;
	}
	return p;
}
