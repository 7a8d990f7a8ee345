/* Memory: the physical page allocator (buddy), the kernel's address space
 * layout and the page-table API.
 *
 * Virtual layout (x86_64, 4-level paging):
 *   0x0000000000000000 - 0x00007fffffffffff  user space (per process)
 *   0xffff888000000000 - ...                 direct map of all RAM
 *   0xffffc90000000000 - ...                 ioremap / vmalloc area
 *   0xffffffff80000000 - ...                 kernel image (-mcmodel=kernel)
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include <lib/types.h>

#define PAGE_SHIFT   12
#define PAGE_SIZE    4096UL
#define PAGE_MASK    (~(PAGE_SIZE - 1))
#define KERNEL_VMA   0xFFFFFFFF80000000UL
#ifdef __HOST_TEST__
/* Host tests back "physical memory" with an ordinary buffer. */
extern unsigned long host_page_offset;
#define PAGE_OFFSET  host_page_offset
#else
#define PAGE_OFFSET  0xFFFF888000000000UL
#endif
#define VMALLOC_BASE 0xFFFFC90000000000UL
#define VMALLOC_SIZE (512UL << 30)
#define USER_TOP     0x0000800000000000UL

#define PTE_PRESENT  (1UL << 0)
#define PTE_WRITE    (1UL << 1)
#define PTE_USER     (1UL << 2)
#define PTE_PWT      (1UL << 3)
#define PTE_PCD      (1UL << 4)
#define PTE_ACCESSED (1UL << 5)
#define PTE_DIRTY    (1UL << 6)
#define PTE_HUGE     (1UL << 7)
#define PTE_GLOBAL   (1UL << 8)
#define PTE_COW      (1UL << 9)     /* software bit: copy-on-write page */
#define PTE_NX       (1UL << 63)
#define PTE_ADDR     0x000FFFFFFFFFF000UL

static inline void *phys_to_virt(phys_addr_t p)
{
	return (void *)(p + PAGE_OFFSET);
}

static inline phys_addr_t virt_to_phys(const void *v)
{
	u64 a = (u64)v;

	return a >= KERNEL_VMA ? a - KERNEL_VMA : a - PAGE_OFFSET;
}

/* ---- Physical pages (kernel/mm/page_alloc.c) ---- */
#define MAX_ORDER 11            /* blocks of 1 .. 1024 pages */

struct mem_region {
	phys_addr_t base;
	u64 len;
};

void page_alloc_init(const struct mem_region *ram, int nr_ram,
		     const struct mem_region *rsv, int nr_rsv,
		     phys_addr_t limit);
void page_alloc_add_high(const struct mem_region *ram, int nr_ram,
			 const struct mem_region *rsv, int nr_rsv,
			 phys_addr_t from);
phys_addr_t alloc_pages(unsigned order);        /* 0 on failure */
void free_pages(phys_addr_t pa, unsigned order);
static inline phys_addr_t alloc_page(void) { return alloc_pages(0); }
static inline void free_page(phys_addr_t pa) { free_pages(pa, 0); }
void *get_zeroed_page(void);                    /* direct-map address */
unsigned long nr_free_pages(void);
unsigned long nr_total_pages(void);

/* Per-page flags for the allocator and kmalloc. */
#define PG_FREE  0x80
#define PG_SLAB  0x40
#define PG_HEAD  0x20           /* first page of an allocated block */
#define PG_ORDER 0x1F
u8 page_flags(phys_addr_t pa);
void page_set_flags(phys_addr_t pa, u8 flags);

/* Reference counts for user pages shared after fork (copy-on-write). */
void page_ref_inc(phys_addr_t pa);
int page_ref_dec(phys_addr_t pa);       /* returns the new count */
int page_ref_count(phys_addr_t pa);

/* ---- Page tables (kernel/mm/paging.c) ---- */
void paging_init(const struct mem_region *ram, int nr_ram);
u64 *kernel_pml4(void);
int map_page(u64 *pml4, u64 va, phys_addr_t pa, u64 flags);
phys_addr_t unmap_page(u64 *pml4, u64 va);      /* returns old frame or 0 */
u64 *pte_lookup(u64 *pml4, u64 va);             /* NULL if not mapped */
phys_addr_t virt_to_phys_walk(u64 *pml4, u64 va);

void *ioremap(phys_addr_t pa, size_t size);     /* uncached MMIO */
void iounmap(void *va, size_t size);

#endif
