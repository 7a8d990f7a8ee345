/* Physical page allocator: a binary buddy system over the RAM the boot
 * loader reported. Free blocks are linked through their own first bytes
 * (via the direct map); one byte of flags per page records whether it heads
 * a free or allocated block and its order, so freeing needs no size. */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/x86.h>

struct free_block {
	struct list_head link;
};

static struct list_head free_area[MAX_ORDER];
static unsigned long nr_free[MAX_ORDER];
static u8 *page_info;            /* one byte per page frame */
static u16 *page_refs;           /* user page reference counts */
static unsigned long max_pfn;
static unsigned long total_pages;
static unsigned long free_count;

u8 page_flags(phys_addr_t pa)
{
	return page_info[pa >> PAGE_SHIFT];
}

void page_set_flags(phys_addr_t pa, u8 flags)
{
	page_info[pa >> PAGE_SHIFT] = flags;
}

unsigned long nr_free_pages(void) { return free_count; }
unsigned long nr_total_pages(void) { return total_pages; }

static struct free_block *block_at(unsigned long pfn)
{
	return phys_to_virt((phys_addr_t)pfn << PAGE_SHIFT);
}

static void push_free(unsigned long pfn, unsigned order)
{
	page_info[pfn] = PG_FREE | order;
	list_add(&block_at(pfn)->link, &free_area[order]);
	nr_free[order]++;
}

static void pop_free(unsigned long pfn, unsigned order)
{
	list_del(&block_at(pfn)->link);
	page_info[pfn] = 0;
	nr_free[order]--;
}

phys_addr_t alloc_pages(unsigned order)
{
	unsigned long flags, pfn;
	unsigned o;

	if (order >= MAX_ORDER)
		return 0;
	flags = local_irq_save();
	for (o = order; o < MAX_ORDER && list_empty(&free_area[o]); o++)
		;
	if (o == MAX_ORDER) {
		local_irq_restore(flags);
		return 0;
	}
	pfn = virt_to_phys(free_area[o].next) >> PAGE_SHIFT;
	pop_free(pfn, o);
	/* Split: give back the upper halves until the block fits. */
	while (o > order) {
		o--;
		push_free(pfn + (1UL << o), o);
	}
	page_info[pfn] = PG_HEAD | order;
	free_count -= 1UL << order;
	local_irq_restore(flags);
	return (phys_addr_t)pfn << PAGE_SHIFT;
}

void free_pages(phys_addr_t pa, unsigned order)
{
	unsigned long pfn = pa >> PAGE_SHIFT;
	unsigned long flags;

	BUG_ON(pa & (PAGE_SIZE - 1));
	BUG_ON(pfn >= max_pfn);
	if (page_info[pfn] != (PG_HEAD | order))
		panic("free_pages: %#lx order %u not an allocated block (flags %#x)",
		      (unsigned long)pa, order, page_info[pfn]);
	flags = local_irq_save();
	free_count += 1UL << order;
	/* Merge with the buddy while it is free and of the same order. */
	while (order < MAX_ORDER - 1) {
		unsigned long buddy = pfn ^ (1UL << order);

		if (buddy >= max_pfn || page_info[buddy] != (PG_FREE | order))
			break;
		pop_free(buddy, order);
		pfn &= ~(1UL << order);
		order++;
	}
	push_free(pfn, order);
	local_irq_restore(flags);
}

void *get_zeroed_page(void)
{
	phys_addr_t pa = alloc_page();

	if (!pa)
		return NULL;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	return phys_to_virt(pa);
}

static bool overlaps(phys_addr_t a, phys_addr_t end,
		     const struct mem_region *rsv, int nr_rsv)
{
	for (int i = 0; i < nr_rsv; i++)
		if (a < rsv[i].base + rsv[i].len && end > rsv[i].base)
			return true;
	return false;
}

/* Hand the frames of [base, end) that are not reserved to the buddy lists,
 * in the largest aligned blocks that fit. */
static void add_range(phys_addr_t base, phys_addr_t end,
		      const struct mem_region *rsv, int nr_rsv)
{
	unsigned long pfn = ALIGN_UP(base, PAGE_SIZE) >> PAGE_SHIFT;
	unsigned long last = end >> PAGE_SHIFT;

	while (pfn < last) {
		unsigned order = 0;
		phys_addr_t pa = (phys_addr_t)pfn << PAGE_SHIFT;

		if (overlaps(pa, pa + PAGE_SIZE, rsv, nr_rsv)) {
			pfn++;
			continue;
		}
		while (order + 1 < MAX_ORDER && !(pfn & ((2UL << order) - 1)) &&
		       pfn + (2UL << order) <= last &&
		       !overlaps(pa, pa + (PAGE_SIZE << (order + 1)), rsv, nr_rsv))
			order++;
		page_info[pfn] = PG_HEAD | order;
		free_pages(pa, order);
		total_pages += 1UL << order;
		pfn += 1UL << order;
	}
}

/* Find room for the metadata arrays: the first RAM range above the
 * reserved areas and below limit that is big enough. */
static phys_addr_t find_meta(u64 size, const struct mem_region *ram, int nr_ram,
			     const struct mem_region *rsv, int nr_rsv,
			     phys_addr_t limit)
{
	for (int i = 0; i < nr_ram; i++) {
		phys_addr_t a = ALIGN_UP(MAX(ram[i].base, 0x100000UL), PAGE_SIZE);
		phys_addr_t end = MIN(ram[i].base + ram[i].len, limit);

		while (a + size <= end) {
			if (!overlaps(a, a + size, rsv, nr_rsv))
				return a;
			a += PAGE_SIZE;
		}
	}
	return 0;
}

void page_alloc_init(const struct mem_region *ram, int nr_ram,
		     const struct mem_region *rsv_in, int nr_rsv,
		     phys_addr_t limit)
{
	struct mem_region rsv[nr_rsv + 1];
	phys_addr_t meta;
	u64 meta_size;

	for (int o = 0; o < MAX_ORDER; o++) {
		INIT_LIST_HEAD(&free_area[o]);
		nr_free[o] = 0;
	}
	max_pfn = total_pages = free_count = 0;
	for (int i = 0; i < nr_ram; i++) {
		unsigned long end = (ram[i].base + ram[i].len) >> PAGE_SHIFT;
		if (end > max_pfn)
			max_pfn = end;
	}
	meta_size = ALIGN_UP(max_pfn * 3, PAGE_SIZE);
	if (nr_rsv)
		memcpy(rsv, rsv_in, sizeof(*rsv) * nr_rsv);
	meta = find_meta(meta_size, ram, nr_ram, rsv, nr_rsv, limit);
	if (!meta)
		panic("page_alloc: no room for %lu bytes of page metadata",
		      (unsigned long)meta_size);
	rsv[nr_rsv].base = meta;
	rsv[nr_rsv].len = meta_size;
	page_info = phys_to_virt(meta);
	page_refs = (u16 *)(page_info + max_pfn);
	memset(page_info, 0, meta_size);
	for (int i = 0; i < nr_ram; i++) {
		phys_addr_t base = MAX(ram[i].base, 0x100000UL);  /* keep low 1 MiB */
		phys_addr_t end = MIN(ram[i].base + ram[i].len, limit);

		if (base < end)
			add_range(base, end, rsv, nr_rsv + 1);
	}
}

/* Memory above the boot direct map joins once paging_init mapped it. */
void page_alloc_add_high(const struct mem_region *ram, int nr_ram,
			 const struct mem_region *rsv, int nr_rsv,
			 phys_addr_t from)
{
	for (int i = 0; i < nr_ram; i++) {
		phys_addr_t base = MAX(ram[i].base, from);
		phys_addr_t end = ram[i].base + ram[i].len;

		if (base < end)
			add_range(base, end, rsv, nr_rsv);
	}
}

void page_ref_inc(phys_addr_t pa)
{
	page_refs[pa >> PAGE_SHIFT]++;
}

int page_ref_dec(phys_addr_t pa)
{
	return --page_refs[pa >> PAGE_SHIFT];
}

int page_ref_count(phys_addr_t pa)
{
	return page_refs[pa >> PAGE_SHIFT];
}
