/* Process address spaces: VMAs, brk, anonymous mmap, and the page-fault
 * side (zero-fill on demand, copy-on-write after fork). User pages carry a
 * reference count (page_ref_*) because fork shares them until written. */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/x86.h>
#include <uapi/mman.h>

static struct kmem_cache *vma_cache, *mm_cache;

static void mm_caches_init(void)
{
	if (!vma_cache) {
		vma_cache = kmem_cache_create("vm_area", sizeof(struct vm_area));
		mm_cache = kmem_cache_create("mm_struct", sizeof(struct mm_struct));
		if (!vma_cache || !mm_cache)
			panic("mm: no memory for caches");
	}
}

struct mm_struct *mm_create(void)
{
	struct mm_struct *mm;
	u64 *pml4;

	mm_caches_init();
	mm = kmem_cache_zalloc(mm_cache);
	pml4 = get_zeroed_page();
	if (!mm || !pml4) {
		if (mm)
			kmem_cache_free(mm_cache, mm);
		if (pml4)
			free_page(virt_to_phys(pml4));
		return NULL;
	}
	/* The kernel half is shared: its top-level entries never change. */
	memcpy(pml4 + 256, kernel_pml4() + 256, 256 * sizeof(u64));
	mm->pml4 = pml4;
	INIT_LIST_HEAD(&mm->vmas);
	mm->mmap_top = USER_MMAP_TOP;
	return mm;
}

struct vm_area *vma_find(struct mm_struct *mm, u64 addr)
{
	struct vm_area *v;

	list_for_each_entry(v, &mm->vmas, list) {
		if (addr < v->start)
			return NULL;
		if (addr < v->end)
			return v;
	}
	return NULL;
}

static bool range_free(struct mm_struct *mm, u64 start, u64 end)
{
	struct vm_area *v;

	list_for_each_entry(v, &mm->vmas, list)
		if (start < v->end && end > v->start)
			return false;
	return true;
}

int vma_insert(struct mm_struct *mm, u64 start, u64 end, u32 flags)
{
	struct vm_area *v, *n;

	if (start >= end || start < USER_MIN_ADDR || end > USER_STACK_TOP ||
	    (start | end) & ~PAGE_MASK)
		return -EINVAL;
	if (!range_free(mm, start, end))
		return -EEXIST;
	n = kmem_cache_alloc(vma_cache);
	if (!n)
		return -ENOMEM;
	n->start = start;
	n->end = end;
	n->flags = flags;
	list_for_each_entry(v, &mm->vmas, list)
		if (v->start > start)
			break;
	list_add_tail(&n->list, &v->list);
	return 0;
}

/* Drop one user page mapping, freeing the frame with its last user. */
static void put_user_page(struct mm_struct *mm, u64 va)
{
	phys_addr_t pa = unmap_page(mm->pml4, va);

	if (!pa)
		return;
	mm->rss--;
	if (page_ref_dec(pa) == 0)
		free_page(pa);
}

static void unmap_range(struct mm_struct *mm, u64 start, u64 end)
{
	for (u64 va = start; va < end; va += PAGE_SIZE)
		if (pte_lookup(mm->pml4, va))
			put_user_page(mm, va);
}

/* Split v at addr so that a VMA boundary falls there. */
static int vma_split(struct vm_area *v, u64 addr)
{
	struct vm_area *n;

	if (addr <= v->start || addr >= v->end)
		return 0;
	n = kmem_cache_alloc(vma_cache);
	if (!n)
		return -ENOMEM;
	n->start = addr;
	n->end = v->end;
	n->flags = v->flags;
	v->end = addr;
	list_add(&n->list, &v->list);
	return 0;
}

int do_munmap(struct mm_struct *mm, u64 start, u64 len)
{
	u64 end;
	struct vm_area *v, *n;

	if ((start & ~PAGE_MASK) || len == 0)
		return -EINVAL;
	end = ALIGN_UP(start + len, PAGE_SIZE);
	if (end < start || end > USER_STACK_TOP)
		return -EINVAL;
	list_for_each_entry_safe(v, n, &mm->vmas, list) {
		if (v->end <= start || v->start >= end)
			continue;
		if (vma_split(v, start) < 0 || vma_split(v, end) < 0)
			return -ENOMEM;
	}
	list_for_each_entry_safe(v, n, &mm->vmas, list) {
		if (v->start >= start && v->end <= end) {
			unmap_range(mm, v->start, v->end);
			list_del(&v->list);
			kmem_cache_free(vma_cache, v);
		}
	}
	return 0;
}

static u32 prot_to_vm(int prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Find a free range of len bytes below the top-down hint. */
static u64 find_free_area(struct mm_struct *mm, u64 len)
{
	u64 top = mm->mmap_top;

	while (top >= len + USER_MIN_ADDR) {
		u64 start = top - len;
		struct vm_area *v, *clash = NULL;

		list_for_each_entry(v, &mm->vmas, list)
			if (start < v->end && top > v->start)
				clash = v;
		if (!clash)
			return start;
		top = clash->start;
	}
	return 0;
}

long do_mmap(struct mm_struct *mm, u64 addr, u64 len, int prot, int flags)
{
	u64 start;
	int r;

	if (len == 0 || len > USER_MMAP_TOP)
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;         /* no file mappings yet */
	if (!(flags & (MAP_PRIVATE | MAP_SHARED)))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (flags & MAP_FIXED) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr < USER_MIN_ADDR || addr + len > USER_STACK_TOP || addr + len < addr)
			return -ENOMEM;
		r = do_munmap(mm, addr, len);
		if (r < 0)
			return r;
		start = addr;
	} else {
		start = 0;
		addr = ALIGN_UP(addr, PAGE_SIZE);
		if (addr >= USER_MIN_ADDR && addr + len <= USER_MMAP_TOP &&
		    range_free(mm, addr, addr + len))
			start = addr;
		if (!start)
			start = find_free_area(mm, len);
		if (!start)
			return -ENOMEM;
	}
	r = vma_insert(mm, start, start + len, prot_to_vm(prot));
	if (r < 0)
		return r == -EEXIST ? -ENOMEM : r;
	if (!(flags & MAP_FIXED) && start < mm->mmap_top)
		mm->mmap_top = start;
	return (long)start;
}

int do_mprotect(struct mm_struct *mm, u64 start, u64 len, int prot)
{
	u64 end = ALIGN_UP(start + len, PAGE_SIZE);
	struct vm_area *v;
	u64 covered = start;

	if ((start & ~PAGE_MASK) || end < start)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	/* The whole range must be mapped. */
	list_for_each_entry(v, &mm->vmas, list) {
		if (v->end <= covered || v->start >= end)
			continue;
		if (v->start > covered)
			return -ENOMEM;
		covered = v->end;
	}
	if (covered < end)
		return -ENOMEM;
	list_for_each_entry(v, &mm->vmas, list) {
		if (v->end <= start || v->start >= end)
			continue;
		if (vma_split(v, start) < 0 || vma_split(v, end) < 0)
			return -ENOMEM;
	}
	list_for_each_entry(v, &mm->vmas, list) {
		if (v->start < start || v->end > end)
			continue;
		v->flags = (v->flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | prot_to_vm(prot);
		/* Present pages lose write access now; copy-on-write pages keep
		 * their COW mark and regain it through the fault path. */
		for (u64 va = v->start; va < v->end; va += PAGE_SIZE) {
			u64 *pte = pte_lookup(mm->pml4, va);

			if (!pte)
				continue;
			if (!(v->flags & VM_WRITE) || (*pte & PTE_COW))
				*pte &= ~PTE_WRITE;
			else
				*pte |= PTE_WRITE;
			invlpg(va);
		}
	}
	return 0;
}

long do_brk(struct mm_struct *mm, u64 brk)
{
	u64 old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	u64 new_end = ALIGN_UP(brk, PAGE_SIZE);
	struct vm_area *heap = NULL, *v;

	if (brk < mm->start_brk || brk > USER_MMAP_TOP / 2)
		return mm->brk;
	list_for_each_entry(v, &mm->vmas, list)
		if (v->flags & VM_HEAP)
			heap = v;
	if (new_end > old_end) {
		if (!range_free(mm, old_end, new_end))
			return mm->brk;
		if (heap && heap->end == old_end) {
			heap->end = new_end;
		} else if (vma_insert(mm, old_end, new_end,
				      VM_READ | VM_WRITE | VM_HEAP) < 0) {
			return mm->brk;
		}
	} else if (new_end < old_end) {
		do_munmap(mm, new_end, old_end - new_end);
	}
	mm->brk = brk;
	return brk;
}

static int map_new_page(struct mm_struct *mm, u64 va, u32 vmflags)
{
	phys_addr_t pa = alloc_page();
	u64 flags = PTE_USER | (vmflags & VM_WRITE ? PTE_WRITE : 0);

	if (!pa)
		return -ENOMEM;
	memset(phys_to_virt(pa), 0, PAGE_SIZE);
	page_ref_inc(pa);
	if (map_page(mm->pml4, va, pa, flags) < 0) {
		page_ref_dec(pa);
		free_page(pa);
		return -ENOMEM;
	}
	mm->rss++;
	return 0;
}

/* Write to a copy-on-write page: take it over if we are its last user,
 * else copy it. */
static int break_cow(struct mm_struct *mm, u64 va, u64 *pte)
{
	phys_addr_t old = *pte & PTE_ADDR, pa;

	if (page_ref_count(old) == 1) {
		*pte = (*pte & ~PTE_COW) | PTE_WRITE;
		invlpg(va);
		return 0;
	}
	pa = alloc_page();
	if (!pa)
		return -ENOMEM;
	memcpy(phys_to_virt(pa), phys_to_virt(old), PAGE_SIZE);
	page_ref_inc(pa);
	if (page_ref_dec(old) == 0)
		free_page(old);
	*pte = pa | (*pte & ~(PTE_ADDR | PTE_COW)) | PTE_WRITE;
	invlpg(va);
	return 0;
}

int handle_mm_fault(struct mm_struct *mm, u64 addr, bool write, bool exec)
{
	u64 va = addr & PAGE_MASK;
	struct vm_area *v;
	u64 *pte;

	if (!mm || addr >= USER_STACK_TOP)
		return -EFAULT;
	v = vma_find(mm, addr);
	if (!v)
		return -EFAULT;
	if ((write && !(v->flags & VM_WRITE)) || (!write && !(v->flags & (VM_READ | VM_EXEC))))
		return -EFAULT;
	pte = pte_lookup(mm->pml4, va);
	if (!pte)
		return map_new_page(mm, va, v->flags) < 0 ? -ENOMEM : 0;
	if (write && (*pte & PTE_COW))
		return break_cow(mm, va, pte) < 0 ? -ENOMEM : 0;
	if (write && !(*pte & PTE_WRITE))
		return -EFAULT;
	/* Present and allowed: a stale TLB entry; nothing to do. */
	invlpg(va);
	return 0;
}

int populate_range(struct mm_struct *mm, u64 addr, u64 len, bool write)
{
	for (u64 va = addr & PAGE_MASK; va < addr + len; va += PAGE_SIZE) {
		u64 *pte = pte_lookup(mm->pml4, va);

		if (pte && (!write || (*pte & PTE_WRITE)))
			continue;
		if (handle_mm_fault(mm, va, write, false) < 0)
			return -EFAULT;
	}
	return 0;
}

/* Duplicate an address space for fork: same VMAs, pages shared
 * copy-on-write (both sides lose write access until they write). */
struct mm_struct *mm_dup(struct mm_struct *old)
{
	struct mm_struct *mm = mm_create();
	struct vm_area *v;

	if (!mm)
		return NULL;
	mm->start_brk = old->start_brk;
	mm->brk = old->brk;
	mm->mmap_top = old->mmap_top;
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	list_for_each_entry(v, &old->vmas, list) {
		if (vma_insert(mm, v->start, v->end, v->flags) < 0)
			goto fail;
		for (u64 va = v->start; va < v->end; va += PAGE_SIZE) {
			u64 *pte = pte_lookup(old->pml4, va);
			phys_addr_t pa;
			u64 flags;

			if (!pte)
				continue;
			pa = *pte & PTE_ADDR;
			if (*pte & (PTE_WRITE | PTE_COW)) {
				*pte = (*pte & ~PTE_WRITE) | PTE_COW;
				invlpg(va);
			}
			flags = *pte & ~PTE_ADDR & ~(PTE_ACCESSED | PTE_DIRTY);
			if (map_page(mm->pml4, va, pa, flags) < 0)
				goto fail;
			page_ref_inc(pa);
			mm->rss++;
		}
	}
	return mm;
fail:
	mm_destroy(mm);
	return NULL;
}

static void free_table(u64 *table, int level)
{
	for (int i = 0; i < 512; i++) {
		if (!(table[i] & PTE_PRESENT))
			continue;
		if (level > 1)
			free_table(phys_to_virt(table[i] & PTE_ADDR), level - 1);
	}
	free_page(virt_to_phys(table));
}

void mm_destroy(struct mm_struct *mm)
{
	struct vm_area *v, *n;

	list_for_each_entry_safe(v, n, &mm->vmas, list) {
		unmap_range(mm, v->start, v->end);
		list_del(&v->list);
		kmem_cache_free(vma_cache, v);
	}
	/* Page tables of the user half only; the kernel half is shared. */
	for (int i = 0; i < 256; i++)
		if (mm->pml4[i] & PTE_PRESENT)
			free_table(phys_to_virt(mm->pml4[i] & PTE_ADDR), 3);
	free_page(virt_to_phys(mm->pml4));
	kmem_cache_free(mm_cache, mm);
}

unsigned long mm_vsize(struct mm_struct *mm)
{
	struct vm_area *v;
	unsigned long sz = 0;

	list_for_each_entry(v, &mm->vmas, list)
		sz += v->end - v->start;
	return sz;
}
