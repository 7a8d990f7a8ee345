/* Self-tests for the page allocator and kmalloc under stress. Both end by
 * checking that the free page count is back where it started: a leak of a
 * single page fails the test. */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/slab.h>
#include <kernel/selftest.h>

#define PMM_BLOCKS 2000

struct block {
	phys_addr_t pa;
	unsigned order;
};

static void fill(phys_addr_t pa, unsigned order, u8 tag)
{
	memset(phys_to_virt(pa), tag, PAGE_SIZE << order);
}

static bool check_fill(phys_addr_t pa, unsigned order, u8 tag)
{
	const u8 *p = phys_to_virt(pa);

	for (size_t i = 0; i < (PAGE_SIZE << order); i += 512)
		if (p[i] != tag)
			return false;
	return true;
}

static int pmm_stress(void)
{
	static struct block blocks[PMM_BLOCKS];
	unsigned long start = nr_free_pages();
	int n = 0, exhausted = 0;

	printk(KERN_INFO "pmm: %lu free pages at start\n", start);
	for (int round = 0; round < 4; round++) {
		/* Allocate mixed orders; each block gets its own fill byte so an
		 * overlap between two live blocks shows up as a wrong byte. */
		while (n < PMM_BLOCKS) {
			unsigned order = get_random_u32() % 6;
			phys_addr_t pa = alloc_pages(order);

			if (!pa) {
				exhausted++;
				break;
			}
			ST_CHECK(IS_ALIGNED(pa, PAGE_SIZE << order),
				 "block %#lx not aligned to order %u", (unsigned long)pa, order);
			blocks[n].pa = pa;
			blocks[n].order = order;
			fill(pa, order, (u8)n);
			n++;
		}
		/* Free a random half, checking contents first. */
		for (int i = 0; i < n / 2; i++) {
			int j = get_random_u32() % n;

			ST_CHECK(check_fill(blocks[j].pa, blocks[j].order, (u8)j),
				 "block %d overwritten", j);
			free_pages(blocks[j].pa, blocks[j].order);
			if (j != --n) {
				/* Move the last block into the hole; retag it. */
				blocks[j] = blocks[n];
				fill(blocks[j].pa, blocks[j].order, (u8)j);
			}
		}
	}
	while (n > 0) {
		n--;
		ST_CHECK(check_fill(blocks[n].pa, blocks[n].order, (u8)n),
			 "block %d overwritten", n);
		free_pages(blocks[n].pa, blocks[n].order);
	}
	/* Exhaustion: take every page one by one, then give them all back. */
	{
		phys_addr_t head = 0;
		unsigned long taken = 0;
		phys_addr_t pa;

		while ((pa = alloc_page())) {
			*(phys_addr_t *)phys_to_virt(pa) = head;
			head = pa;
			taken++;
		}
		ST_CHECK(taken == start, "took %lu pages, %lu were free", taken, start);
		ST_CHECK(nr_free_pages() == 0, "free count %lu after exhaustion",
			 nr_free_pages());
		while (head) {
			pa = head;
			head = *(phys_addr_t *)phys_to_virt(pa);
			free_page(pa);
		}
	}
	printk(KERN_INFO "pmm: %lu free pages at end (exhausted %d times)\n",
	       nr_free_pages(), exhausted);
	ST_CHECK(nr_free_pages() == start, "leak: %lu free at start, %lu at end",
		 start, nr_free_pages());
	return 0;
}
SELFTEST("pmm", pmm_stress);

#define HEAP_PTRS 4000

static int heap_stress(void)
{
	static void *ptrs[HEAP_PTRS];
	static size_t sizes[HEAP_PTRS];
	unsigned long start;
	struct kmem_cache *cache;
	void *objs[300];

	kmem_reclaim();
	start = nr_free_pages();
	printk(KERN_INFO "heap: %lu free pages at start\n", start);
	for (int iter = 0; iter < 40000; iter++) {
		int i = get_random_u32() % HEAP_PTRS;

		if (ptrs[i]) {
			u8 *p = ptrs[i];
			ST_CHECK(p[0] == (u8)i && p[sizes[i] - 1] == (u8)i,
				 "object %d (size %zu) corrupted", i, sizes[i]);
			kfree(ptrs[i]);
			ptrs[i] = NULL;
		} else {
			/* Mostly small objects, sometimes multi-page ones. */
			size_t sz = get_random_u32() % 16 ? 1 + get_random_u32() % 2048
							  : 2049 + get_random_u32() % 30000;
			ptrs[i] = kmalloc(sz);
			ST_CHECK(ptrs[i] != NULL, "kmalloc(%zu) failed", sz);
			ST_CHECK(ksize(ptrs[i]) >= sz, "ksize %zu < %zu", ksize(ptrs[i]), sz);
			sizes[i] = sz;
			memset(ptrs[i], (u8)i, sz);
		}
	}
	for (int i = 0; i < HEAP_PTRS; i++) {
		kfree(ptrs[i]);
		ptrs[i] = NULL;
	}
	/* An object cache: several slabs' worth, freed in reverse. */
	cache = kmem_cache_create("selftest", 200);
	ST_CHECK(cache != NULL, "kmem_cache_create failed");
	for (int i = 0; i < 300; i++) {
		objs[i] = kmem_cache_zalloc(cache);
		ST_CHECK(objs[i] != NULL, "cache alloc %d failed", i);
		for (int j = 0; j < i; j++)
			ST_CHECK(objs[j] != objs[i], "object handed out twice");
	}
	for (int i = 299; i >= 0; i--)
		kmem_cache_free(cache, objs[i]);
	ST_CHECK(kmalloc(0) == NULL, "kmalloc(0) should return NULL");
	ST_CHECK(kmalloc(1UL << 40) == NULL, "huge kmalloc should fail");
	kmem_reclaim();
	printk(KERN_INFO "heap: %lu free pages at end\n", nr_free_pages());
	/* The cache descriptor itself stays allocated (caches are never
	 * destroyed); it lives in a slab page that was already in use. */
	ST_CHECK(nr_free_pages() + 1 >= start && nr_free_pages() <= start,
		 "leak: %lu free at start, %lu at end", start, nr_free_pages());
	return 0;
}
SELFTEST("heap", heap_stress);

/* A deliberate kernel page fault: must produce a register dump and a
 * backtrace, then panic (and exit QEMU under test). */
static noinline_fn int pagefault_victim(volatile u64 *p)
{
	return (int)*p;
}

static int pagefault_test(void)
{
	printk(KERN_INFO "pagefault: reading unmapped address 0xdead000\n");
	return pagefault_victim((volatile u64 *)0xdead000UL);
}
SELFTEST("pagefault", pagefault_test);
