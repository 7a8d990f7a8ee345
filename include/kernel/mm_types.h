/* A process address space: its page tables and the list of virtual memory
 * areas (VMAs) that say which user addresses are valid and how. Pages are
 * filled in lazily by the page-fault handler (zero-fill on first touch,
 * copy-on-write after fork). */
#ifndef KERNEL_MM_TYPES_H
#define KERNEL_MM_TYPES_H

#include <lib/types.h>
#include <lib/list.h>

#define VM_READ      0x1
#define VM_WRITE     0x2
#define VM_EXEC      0x4
#define VM_GROWSDOWN 0x100
#define VM_STACK     0x200
#define VM_HEAP      0x400

#define USER_STACK_TOP   0x00007ffffffff000UL
#define USER_STACK_SIZE  (8UL << 20)
#define USER_MMAP_TOP    0x00007f0000000000UL
#define USER_MIN_ADDR    0x10000UL       /* keep page 0.. unmapped */

struct vm_area {
	u64 start, end;         /* [start, end), page aligned */
	u32 flags;
	struct list_head list;  /* sorted by start */
};

struct mm_struct {
	u64 *pml4;
	struct list_head vmas;
	u64 start_brk, brk;
	u64 mmap_top;           /* next top-down mmap hint */
	unsigned long rss;      /* resident user pages */
	u64 arg_start, arg_end; /* argv strings, for /proc/<pid>/cmdline */
};

struct pt_regs;

struct mm_struct *mm_create(void);
void mm_destroy(struct mm_struct *mm);
struct mm_struct *mm_dup(struct mm_struct *old);
struct vm_area *vma_find(struct mm_struct *mm, u64 addr);
int vma_insert(struct mm_struct *mm, u64 start, u64 end, u32 flags);
int do_munmap(struct mm_struct *mm, u64 start, u64 len);
long do_mmap(struct mm_struct *mm, u64 addr, u64 len, int prot, int flags);
int do_mprotect(struct mm_struct *mm, u64 start, u64 len, int prot);
long do_brk(struct mm_struct *mm, u64 brk);
/* Resolve a fault at addr; returns 0 or -EFAULT (no VMA / not allowed). */
int handle_mm_fault(struct mm_struct *mm, u64 addr, bool write, bool exec);
/* Make sure [addr, addr+len) is present (and writable if asked), faulting
 * pages in; used where the kernel writes user memory it just mapped. */
int populate_range(struct mm_struct *mm, u64 addr, u64 len, bool write);
unsigned long mm_vsize(struct mm_struct *mm);

#endif
