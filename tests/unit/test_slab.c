/* kmalloc and object caches over the host-backed page allocator. */
#include <stdlib.h>
#include <string.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include "unit.h"

#define ARENA (32UL << 20)
unsigned long host_page_offset;

static void boot(void)
{
	static const struct mem_region ram[] = { { 0, ARENA } };
	static void *arena;
	static bool inited;

	if (!arena)
		arena = aligned_alloc(1 << 22, ARENA);
	host_page_offset = (unsigned long)arena;
	if (!inited) {
		page_alloc_init(ram, 1, NULL, 0, ARENA);
		kmem_init();
		inited = true;
	}
}

TEST(sizes_round_up_and_fit)
{
	static const size_t sizes[] = { 1, 15, 16, 17, 100, 1000, 2048, 2049,
					4096, 5000, 70000 };
	boot();
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		void *p = kmalloc(sizes[i]);
		CHECK(p, "kmalloc(%zu) failed", sizes[i]);
		CHECK(ksize(p) >= sizes[i], "ksize %zu < %zu", ksize(p), sizes[i]);
		CHECK(((unsigned long)p & 15) == 0, "%p not 16-byte aligned", p);
		memset(p, 0x5A, sizes[i]);
		kfree(p);
	}
	CHECK(kmalloc(0) == NULL, "kmalloc(0)");
	kfree(NULL);
}

TEST(no_leak_after_churn)
{
	static void *p[3000];
	unsigned long start;

	boot();
	kmem_reclaim();
	start = nr_free_pages();
	srand(7);
	for (int round = 0; round < 20; round++) {
		for (int i = 0; i < 3000; i++)
			if (!p[i])
				p[i] = kmalloc(1 + rand() % 3000);
		for (int i = 0; i < 3000; i += 1 + rand() % 3) {
			kfree(p[i]);
			p[i] = NULL;
		}
	}
	for (int i = 0; i < 3000; i++) {
		kfree(p[i]);
		p[i] = NULL;
	}
	kmem_reclaim();
	CHECK(nr_free_pages() == start, "%lu pages at start, %lu at end", start,
	      nr_free_pages());
}

TEST(kzalloc_zeroes)
{
	unsigned char *p;

	boot();
	p = kmalloc(200);
	memset(p, 0xFF, 200);
	kfree(p);
	p = kzalloc(200);
	for (int i = 0; i < 200; i++)
		CHECK(p[i] == 0, "byte %d = %#x", i, p[i]);
	kfree(p);
}

TEST(cache_objects_distinct_and_reused)
{
	struct kmem_cache *c;
	void *objs[100], *again;

	boot();
	c = kmem_cache_create("test", 48);
	CHECK(c, "create failed");
	for (int i = 0; i < 100; i++) {
		objs[i] = kmem_cache_alloc(c);
		CHECK(objs[i], "alloc %d", i);
		for (int j = 0; j < i; j++)
			CHECK(objs[i] != objs[j], "object reused while live");
	}
	kmem_cache_free(c, objs[50]);
	again = kmem_cache_alloc(c);
	CHECK(again == objs[50], "freed object not reused first");
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, objs[i]);
	CHECK(kmem_cache_create("huge", 1 << 20) == NULL, "oversized cache created");
}

TEST(free_to_wrong_cache_is_caught)
{
	struct kmem_cache *a, *b;
	void *p;
	volatile int reached = 0;

	boot();
	a = kmem_cache_create("a", 64);
	b = kmem_cache_create("b", 64);
	p = kmem_cache_alloc(a);
	if (setjmp(unit_jmp) == 0) {
		kmem_cache_free(b, p);
		reached = 1;
	}
	CHECK(!reached, "cross-cache free not detected");
	kmem_cache_free(a, p);
}

TEST(kfree_of_foreign_pointer_is_caught)
{
	phys_addr_t pa;
	volatile int reached = 0;

	boot();
	pa = alloc_page();              /* a page, but not from kmalloc */
	if (setjmp(unit_jmp) == 0) {
		kfree((char *)phys_to_virt(pa) + 8);
		reached = 1;
	}
	CHECK(!reached, "bogus kfree not detected");
	free_page(pa);
}

int main(void)
{
	return unit_run_all();
}
