/* The buddy page allocator, run over a buffer standing in for RAM. */
#include <stdlib.h>
#include <string.h>
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include "unit.h"

#define ARENA (64UL << 20)
unsigned long host_page_offset;
static void *arena;

/* "Physical" 0 is the arena's first byte; RAM is [1 MiB, 64 MiB) with a
 * reserved hole, like a kernel image. */
static void boot(void)
{
	static const struct mem_region ram[] = { { 0, ARENA } };
	static const struct mem_region rsv[] = { { 0x100000, 0x80000 } };

	if (!arena)
		arena = aligned_alloc(1 << 22, ARENA);
	memset(arena, 0xAA, ARENA);
	host_page_offset = (unsigned long)arena;
	page_alloc_init(ram, 1, rsv, 1, ARENA);
}

TEST(init_counts_usable_pages)
{
	unsigned long meta;

	boot();
	/* 64 MiB - low 1 MiB - 512 KiB reserved - metadata (3 bytes/page). */
	meta = ALIGN_UP((ARENA >> PAGE_SHIFT) * 3, PAGE_SIZE) >> PAGE_SHIFT;
	CHECK(nr_total_pages() == ((ARENA - 0x180000) >> PAGE_SHIFT) - meta,
	      "total %lu", nr_total_pages());
	CHECK(nr_free_pages() == nr_total_pages(), "free %lu", nr_free_pages());
}

TEST(never_hands_out_reserved_or_low_memory)
{
	phys_addr_t pa;

	boot();
	while ((pa = alloc_page())) {
		CHECK(pa >= 0x100000, "low page %#lx", (unsigned long)pa);
		CHECK(pa < 0x100000 || pa >= 0x180000, "reserved page %#lx", (unsigned long)pa);
		CHECK(pa < ARENA, "beyond RAM %#lx", (unsigned long)pa);
	}
	CHECK(nr_free_pages() == 0, "free %lu after exhaustion", nr_free_pages());
}

TEST(alignment_and_no_overlap)
{
	static phys_addr_t got[4096];
	static unsigned ord[4096];
	int n = 0;

	boot();
	srand(1);
	while (n < 4096) {
		unsigned o = rand() % 8;
		phys_addr_t pa = alloc_pages(o);

		if (!pa)
			break;
		CHECK((pa & ((PAGE_SIZE << o) - 1)) == 0, "order %u at %#lx", o, (unsigned long)pa);
		memset(phys_to_virt(pa), n & 0xFF, PAGE_SIZE << o);
		got[n] = pa;
		ord[n++] = o;
	}
	for (int i = 0; i < n; i++) {
		const unsigned char *p = phys_to_virt(got[i]);
		for (size_t off = 0; off < (PAGE_SIZE << ord[i]); off += 997)
			CHECK(p[off] == (i & 0xFF), "block %d overwritten", i);
	}
	for (int i = n - 1; i >= 0; i--)
		free_pages(got[i], ord[i]);
	CHECK(nr_free_pages() == nr_total_pages(), "leaked %lu pages",
	      nr_total_pages() - nr_free_pages());
}

TEST(buddies_merge_back_to_large_blocks)
{
	phys_addr_t big, parts[16];

	boot();
	big = alloc_pages(4);
	CHECK(big, "no order-4 block");
	free_pages(big, 4);
	/* Split an order-4 block into 16 pages and free them out of order:
	 * it must be available again as order 4 at the same address. */
	for (int i = 0; i < 16; i++)
		parts[i] = alloc_page();
	for (int i = 0; i < 16; i += 2)
		free_page(parts[i]);
	for (int i = 15; i > 0; i -= 2)
		free_page(parts[i]);
	CHECK(alloc_pages(4) == big, "pages did not merge back");
}

TEST(too_large_order_fails_cleanly)
{
	boot();
	CHECK(alloc_pages(MAX_ORDER) == 0, "order MAX_ORDER succeeded");
	CHECK(alloc_pages(50) == 0, "order 50 succeeded");
}

TEST(double_free_is_caught)
{
	phys_addr_t pa;
	volatile int reached = 0;

	boot();
	pa = alloc_pages(1);
	free_pages(pa, 1);
	if (setjmp(unit_jmp) == 0) {
		free_pages(pa, 1);
		reached = 1;
	}
	CHECK(!reached, "double free not detected");
	{
		char msg[512];

		strcpy(msg, unit_msg);
		CHECK(strstr(msg, "not an allocated block"), "wrong panic message");
	}
}

TEST(wrong_order_free_is_caught)
{
	phys_addr_t pa;
	volatile int reached = 0;

	boot();
	pa = alloc_pages(2);
	if (setjmp(unit_jmp) == 0) {
		free_pages(pa, 1);
		reached = 1;
	}
	CHECK(!reached, "free with wrong order not detected");
}

int main(void)
{
	return unit_run_all();
}
