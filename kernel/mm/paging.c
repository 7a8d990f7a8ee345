/* Kernel page tables. paging_init() replaces the boot tables with: a direct
 * map of all RAM (2 MiB pages), the kernel image at KERNEL_VMA, and an empty
 * vmalloc/ioremap area whose top-level entry exists from the start. Every
 * kernel-half PML4 entry is created here and never changes, so a process
 * address space can share them by copying the upper half of the PML4. */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/x86.h>

#define PML4_INDEX(va) (((va) >> 39) & 511)
#define PDPT_INDEX(va) (((va) >> 30) & 511)
#define PD_INDEX(va)   (((va) >> 21) & 511)
#define PT_INDEX(va)   (((va) >> 12) & 511)

static u64 *kpml4;
static u64 vmalloc_next = VMALLOC_BASE;
static u64 nx_mask;             /* PTE_NX if the CPU has NX, else 0 */

u64 *kernel_pml4(void)
{
	return kpml4;
}

static u64 *table_of(u64 entry)
{
	return phys_to_virt(entry & PTE_ADDR);
}

/* Return the entry for va at the next level down, allocating a table if
 * asked. User mappings need PTE_USER on every level. */
static u64 *next_level(u64 *table, unsigned idx, bool create, u64 flags)
{
	if (!(table[idx] & PTE_PRESENT)) {
		void *page;

		if (!create)
			return NULL;
		page = get_zeroed_page();
		if (!page)
			return NULL;
		table[idx] = virt_to_phys(page) | PTE_PRESENT | PTE_WRITE |
			     (flags & PTE_USER);
	} else if ((flags & PTE_USER) && !(table[idx] & PTE_USER)) {
		table[idx] |= PTE_USER;
	}
	if (table[idx] & PTE_HUGE)
		return NULL;
	return table_of(table[idx]);
}

static u64 *walk(u64 *pml4, u64 va, bool create, u64 flags)
{
	u64 *pdpt, *pd, *pt;

	pdpt = next_level(pml4, PML4_INDEX(va), create, flags);
	if (!pdpt)
		return NULL;
	pd = next_level(pdpt, PDPT_INDEX(va), create, flags);
	if (!pd)
		return NULL;
	pt = next_level(pd, PD_INDEX(va), create, flags);
	if (!pt)
		return NULL;
	return &pt[PT_INDEX(va)];
}

int map_page(u64 *pml4, u64 va, phys_addr_t pa, u64 flags)
{
	u64 *pte = walk(pml4, va, true, flags);

	if (!pte)
		return -ENOMEM;
	*pte = (pa & PTE_ADDR) | flags | PTE_PRESENT;
	invlpg(va);
	return 0;
}

phys_addr_t unmap_page(u64 *pml4, u64 va)
{
	u64 *pte = walk(pml4, va, false, 0);
	phys_addr_t old;

	if (!pte || !(*pte & PTE_PRESENT))
		return 0;
	old = *pte & PTE_ADDR;
	*pte = 0;
	invlpg(va);
	return old;
}

u64 *pte_lookup(u64 *pml4, u64 va)
{
	u64 *pte = walk(pml4, va, false, 0);

	return pte && (*pte & PTE_PRESENT) ? pte : NULL;
}

phys_addr_t virt_to_phys_walk(u64 *pml4, u64 va)
{
	u64 *pte = pte_lookup(pml4, va);

	return pte ? (*pte & PTE_ADDR) | (va & ~PAGE_MASK) : 0;
}

/* Map [pa, pa+len) at PAGE_OFFSET+pa with 2 MiB pages. */
static void map_direct(phys_addr_t pa, u64 len, u64 nx)
{
	for (phys_addr_t a = ALIGN_DOWN(pa, 0x200000UL); a < pa + len; a += 0x200000UL) {
		u64 va = PAGE_OFFSET + a;
		u64 *pdpt = next_level(kpml4, PML4_INDEX(va), true, 0);
		u64 *pd = pdpt ? next_level(pdpt, PDPT_INDEX(va), true, 0) : NULL;

		if (!pd)
			panic("paging: out of memory building the direct map");
		pd[PD_INDEX(va)] = a | PTE_PRESENT | PTE_WRITE | PTE_HUGE |
				   PTE_GLOBAL | nx;
	}
}

void paging_init(const struct mem_region *ram, int nr_ram)
{
	u64 kend = (u64)__kernel_phys_end;
	u32 a, b, c, d;
	u64 nx = 0;

	cpuid(0x80000001, 0, &a, &b, &c, &d);
	if (d & (1 << 20))
		nx = PTE_NX;
	nx_mask = nx;
	/* Global pages survive CR3 switches: the kernel half is the same in
	 * every address space. */
	write_cr4(read_cr4() | (1 << 7));

	kpml4 = get_zeroed_page();
	if (!kpml4)
		panic("paging: no memory for the kernel PML4");
	map_direct(0, 0x200000, nx);            /* low memory: VGA, BIOS data */
	for (int i = 0; i < nr_ram; i++)
		map_direct(ram[i].base, ram[i].len, nx);
	/* Kernel image, 2 MiB pages, writable and executable. */
	for (u64 pa = 0; pa < ALIGN_UP(kend, 0x200000UL); pa += 0x200000UL) {
		u64 va = KERNEL_VMA + pa;
		u64 *pdpt = next_level(kpml4, PML4_INDEX(va), true, 0);
		u64 *pd = next_level(pdpt, PDPT_INDEX(va), true, 0);

		pd[PD_INDEX(va)] = pa | PTE_PRESENT | PTE_WRITE | PTE_HUGE |
				   PTE_GLOBAL;
	}
	/* The vmalloc area's top-level table exists from now on. */
	if (!next_level(kpml4, PML4_INDEX(VMALLOC_BASE), true, 0))
		panic("paging: no memory for the vmalloc table");
	write_cr3(virt_to_phys(kpml4));
}

/* Map device registers uncached into the vmalloc area. The area only
 * grows; drivers map their BARs once at probe time. */
void *ioremap(phys_addr_t pa, size_t size)
{
	phys_addr_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	size_t len = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	unsigned long flags = local_irq_save();
	u64 va = vmalloc_next;

	if (va + len > VMALLOC_BASE + VMALLOC_SIZE) {
		local_irq_restore(flags);
		return NULL;
	}
	vmalloc_next += len + PAGE_SIZE;        /* guard page */
	local_irq_restore(flags);
	for (size_t off = 0; off < len; off += PAGE_SIZE)
		if (map_page(kpml4, va + off, base + off,
			     PTE_WRITE | PTE_PCD | PTE_PWT | PTE_GLOBAL | nx_mask) < 0)
			return NULL;
	return (void *)(va + (pa - base));
}

void iounmap(void *va, size_t size)
{
	u64 base = ALIGN_DOWN((u64)va, PAGE_SIZE);
	u64 end = ALIGN_UP((u64)va + size, PAGE_SIZE);

	for (u64 a = base; a < end; a += PAGE_SIZE)
		unmap_page(kpml4, a);
}
