/* execve: replace the calling process's program with a static ELF64
 * executable. Everything that can fail is checked before the old address
 * space is given up; after that point there is no way back and a failure
 * kills the process, as in Linux. */
#include <kernel/kernel.h>
#include <kernel/fs.h>
#include <kernel/sched.h>
#include <kernel/mm.h>
#include <kernel/mm_types.h>
#include <kernel/uaccess.h>
#include <kernel/x86.h>
#include <kernel/gdt.h>
#include <kernel/exec.h>
#include <uapi/mman.h>

#define ARG_MAX    (128 * 1024)
#define MAX_ARGS   4096
#define MAX_PHNUM  64

struct elf64_ehdr {
	u8 e_ident[16];
	u16 e_type, e_machine;
	u32 e_version;
	u64 e_entry, e_phoff, e_shoff;
	u32 e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	u32 p_type, p_flags;
	u64 p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define PT_LOAD   1
#define PT_INTERP 3
#define PT_PHDR   6
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define ET_EXEC 2
#define EM_X86_64 62

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

/* The argument and environment strings, gathered before the old image
 * (where they live) is thrown away. */
struct exec_strings {
	char *buf;
	size_t len;
	int argc, envc;
};

static int copy_strings(struct exec_strings *s, char *const *uvec, int *count,
			bool from_kernel)
{
	for (int i = 0;; i++) {
		u64 p;
		long n;

		if (i >= MAX_ARGS)
			return -E2BIG;
		if (from_kernel)
			p = (u64)((char *const *)uvec)[i];
		else if (get_user_u64(&p, (const u64 *)(uvec + i)))
			return -EFAULT;
		if (!p)
			break;
		if (from_kernel) {
			n = strlen((const char *)p);
			if (s->len + n + 1 > ARG_MAX)
				return -E2BIG;
			memcpy(s->buf + s->len, (const char *)p, n + 1);
		} else {
			n = strncpy_from_user(s->buf + s->len, (const char *)p,
					      ARG_MAX - s->len);
			if (n == -ENAMETOOLONG)
				return -E2BIG;
			if (n < 0)
				return (int)n;
		}
		s->len += n + 1;
		(*count)++;
	}
	return 0;
}

/* Write bytes into a not-yet-active address space, page by page. */
static int copy_to_mm(struct mm_struct *mm, u64 addr, const void *src, size_t len)
{
	const u8 *p = src;

	while (len) {
		size_t chunk = MIN(len, PAGE_SIZE - (addr & ~PAGE_MASK));
		phys_addr_t pa;

		if (populate_range(mm, addr, chunk, true) < 0)
			return -EFAULT;
		pa = virt_to_phys_walk(mm->pml4, addr);
		memcpy(phys_to_virt(pa), p, chunk);
		addr += chunk;
		p += chunk;
		len -= chunk;
	}
	return 0;
}

static int check_ehdr(const struct elf64_ehdr *eh)
{
	if (memcmp(eh->e_ident, "\177ELF", 4) || eh->e_ident[4] != 2 ||
	    eh->e_ident[5] != 1 || eh->e_ident[6] != 1)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > MAX_PHNUM)
		return -ENOEXEC;
	return 0;
}

static u32 vm_flags_of(u32 pf)
{
	return (pf & PF_R ? VM_READ : 0) | (pf & PF_W ? VM_WRITE : 0) |
	       (pf & PF_X ? VM_EXEC : 0);
}

/* Map one PT_LOAD segment: VMA, then file bytes, the rest stays zero. */
static int load_segment(struct mm_struct *mm, struct file *f,
			const struct elf64_phdr *ph, u64 fsize)
{
	u64 start = ph->p_vaddr & PAGE_MASK;
	u64 end = ALIGN_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	u32 flags = vm_flags_of(ph->p_flags) | VM_WRITE;   /* writable while loading */
	u8 *tmp;
	u64 done = 0;
	int r;

	if (ph->p_filesz > ph->p_memsz || ph->p_offset > fsize ||
	    ph->p_filesz > fsize - ph->p_offset ||
	    ph->p_vaddr + ph->p_memsz < ph->p_vaddr ||
	    start < USER_MIN_ADDR || end > USER_MMAP_TOP)
		return -ENOEXEC;
	/* Segments may share a boundary page: extend over what is free. */
	for (u64 va = start; va < end;) {
		struct vm_area *v = vma_find(mm, va);
		u64 run_end = va;

		if (v) {
			v->flags |= flags;
			va = v->end;
			continue;
		}
		while (run_end < end && !vma_find(mm, run_end))
			run_end += PAGE_SIZE;
		r = vma_insert(mm, va, run_end, flags);
		if (r < 0)
			return r;
		va = run_end;
	}
	tmp = kmalloc(PAGE_SIZE);
	if (!tmp)
		return -ENOMEM;
	while (done < ph->p_filesz) {
		u64 pos = ph->p_offset + done;
		size_t chunk = MIN(ph->p_filesz - done, PAGE_SIZE);
		ssize_t n = kernel_read(f, tmp, chunk, &pos);

		if (n != (ssize_t)chunk) {
			kfree(tmp);
			return n < 0 ? (int)n : -EIO;
		}
		if (copy_to_mm(mm, ph->p_vaddr + done, tmp, chunk) < 0) {
			kfree(tmp);
			return -EFAULT;
		}
		done += chunk;
	}
	kfree(tmp);
	/* Make the whole segment present (zero-filled past the file part),
	 * so read-only text never needs a write fault. */
	return populate_range(mm, start, end - start, true);
}

static int elf_prot(u32 pf)
{
	return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) |
	       (pf & PF_X ? PROT_EXEC : 0);
}

/* After loading, give each segment its real protection. A page shared by
 * two segments (not produced by the usual linkers) gets both. */
static int protect_segments(struct mm_struct *mm, const struct elf64_phdr *ph, int n)
{
	for (int i = 0; i < n; i++) {
		u64 start, end;
		int r;

		if (ph[i].p_type != PT_LOAD || !ph[i].p_memsz)
			continue;
		start = ph[i].p_vaddr & PAGE_MASK;
		end = ALIGN_UP(ph[i].p_vaddr + ph[i].p_memsz, PAGE_SIZE);
		r = do_mprotect(mm, start, end - start, elf_prot(ph[i].p_flags));
		if (r < 0)
			return r;
	}
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < n; j++) {
			u64 ei, sj;

			if (i == j || ph[i].p_type != PT_LOAD || ph[j].p_type != PT_LOAD ||
			    !ph[i].p_memsz || !ph[j].p_memsz)
				continue;
			ei = (ph[i].p_vaddr + ph[i].p_memsz - 1) & PAGE_MASK;
			sj = ph[j].p_vaddr & PAGE_MASK;
			if (ei == sj)
				do_mprotect(mm, ei, PAGE_SIZE,
					    elf_prot(ph[i].p_flags | ph[j].p_flags));
		}
	}
	return 0;
}

/* Lay out argc, argv, envp and auxv at the top of the new stack. */
static int build_stack(struct mm_struct *mm, struct exec_strings *s,
		       const struct elf64_ehdr *eh, u64 phdr_addr, u64 *sp_out)
{
	u64 sp = USER_STACK_TOP, strings, random, platform, *block;
	int nptr = 1 + s->argc + 1 + s->envc + 1, naux = 0, i, r;
	u64 aux[2 * 20];
	size_t block_bytes;
	u8 rnd[16];

	r = vma_insert(mm, USER_STACK_TOP - USER_STACK_SIZE, USER_STACK_TOP,
		       VM_READ | VM_WRITE | VM_STACK);
	if (r < 0)
		return r;
	sp -= s->len;
	strings = sp;
	if (copy_to_mm(mm, strings, s->buf, s->len) < 0)
		return -EFAULT;
	sp -= 16;
	random = sp;
	get_random_bytes(rnd, sizeof(rnd));
	copy_to_mm(mm, random, rnd, sizeof(rnd));
	sp -= 8;
	platform = sp;
	copy_to_mm(mm, platform, "x86_64", 7);

#define AUX(k, v) do { aux[naux++] = (k); aux[naux++] = (v); } while (0)
	AUX(AT_PHDR, phdr_addr);
	AUX(AT_PHENT, sizeof(struct elf64_phdr));
	AUX(AT_PHNUM, eh->e_phnum);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, eh->e_entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_SECURE, 0);
	AUX(AT_HWCAP, 0);
	AUX(AT_CLKTCK, 100);
	AUX(AT_RANDOM, random);
	AUX(AT_PLATFORM, platform);
	AUX(AT_EXECFN, strings);        /* argv[0] */
	AUX(AT_NULL, 0);
#undef AUX
	block_bytes = (nptr + naux) * sizeof(u64);
	sp = ALIGN_DOWN(sp - block_bytes, 16);  /* rsp at argc: 16-aligned */
	block = kmalloc(block_bytes);
	if (!block)
		return -ENOMEM;
	i = 0;
	block[i++] = s->argc;
	{
		u64 a = strings;
		const char *q = s->buf;

		for (int k = 0; k < s->argc; k++) {
			size_t n = strlen(q) + 1;
			block[i++] = a;
			a += n;
			q += n;
		}
		block[i++] = 0;
		mm->arg_start = strings;
		mm->arg_end = a;
		for (int k = 0; k < s->envc; k++) {
			size_t n = strlen(q) + 1;
			block[i++] = a;
			a += n;
			q += n;
		}
		block[i++] = 0;
	}
	memcpy(block + i, aux, naux * sizeof(u64));
	r = copy_to_mm(mm, sp, block, block_bytes);
	kfree(block);
	*sp_out = sp;
	return r;
}

static const char *basename(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* Load the program into a fresh address space; on success the caller
 * commits it. */
static int load_elf(struct file *f, struct exec_strings *s, struct mm_struct **mm_out,
		    u64 *entry, u64 *sp)
{
	struct elf64_ehdr eh;
	struct elf64_phdr *ph = NULL;
	struct mm_struct *mm = NULL;
	u64 pos = 0, fsize = f->f_inode->i_size, max_end = 0, phdr_addr = 0;
	int r;

	if (kernel_read(f, &eh, sizeof(eh), &pos) != sizeof(eh))
		return -ENOEXEC;
	r = check_ehdr(&eh);
	if (r < 0)
		return r;
	if (eh.e_phoff > fsize || eh.e_phnum * sizeof(*ph) > fsize - eh.e_phoff)
		return -ENOEXEC;
	ph = kmalloc(eh.e_phnum * sizeof(*ph));
	if (!ph)
		return -ENOMEM;
	pos = eh.e_phoff;
	if (kernel_read(f, ph, eh.e_phnum * sizeof(*ph), &pos) !=
	    (ssize_t)(eh.e_phnum * sizeof(*ph))) {
		r = -ENOEXEC;
		goto out;
	}
	mm = mm_create();
	if (!mm) {
		r = -ENOMEM;
		goto out;
	}
	for (int i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP) {
			r = -ENOEXEC;   /* static executables only */
			goto out;
		}
		if (ph[i].p_type == PT_PHDR)
			phdr_addr = ph[i].p_vaddr;
		if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
			continue;
		r = load_segment(mm, f, &ph[i], fsize);
		if (r < 0)
			goto out;
		if (!phdr_addr && ph[i].p_offset <= eh.e_phoff &&
		    eh.e_phoff + eh.e_phnum * sizeof(*ph) <= ph[i].p_offset + ph[i].p_filesz)
			phdr_addr = ph[i].p_vaddr + (eh.e_phoff - ph[i].p_offset);
		max_end = MAX(max_end, ph[i].p_vaddr + ph[i].p_memsz);
	}
	if (!max_end || !vma_find(mm, eh.e_entry)) {
		r = -ENOEXEC;
		goto out;
	}
	r = protect_segments(mm, ph, eh.e_phnum);
	if (r < 0)
		goto out;
	mm->start_brk = mm->brk = ALIGN_UP(max_end, PAGE_SIZE);
	r = build_stack(mm, s, &eh, phdr_addr, sp);
	if (r < 0)
		goto out;
	*entry = eh.e_entry;
	*mm_out = mm;
	mm = NULL;
out:
	if (mm)
		mm_destroy(mm);
	kfree(ph);
	return r;
}

static void start_thread(struct pt_regs *regs, u64 entry, u64 sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->rip = entry;
	regs->rsp = sp;
	regs->cs = USER_CS;
	regs->ss = USER_DS;
	regs->rflags = X86_EFLAGS_IF;
	regs->vector = 0;               /* not a syscall frame any more */
}

int do_execve(const char *path, char *const *argv, char *const *envp,
	      bool from_kernel)
{
	struct exec_strings s = { 0 };
	struct mm_struct *mm = NULL, *old;
	struct file *f;
	u64 entry = 0, sp = 0;
	phys_addr_t buf;
	int r;

	buf = alloc_pages(5);           /* 128 KiB = ARG_MAX */
	if (!buf)
		return -ENOMEM;
	s.buf = phys_to_virt(buf);
	r = argv ? copy_strings(&s, argv, &s.argc, from_kernel) : 0;
	if (r == 0 && envp)
		r = copy_strings(&s, envp, &s.envc, from_kernel);
	if (r < 0)
		goto out;
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f)) {
		r = PTR_ERR(f);
		goto out;
	}
	if (!S_ISREG(f->f_inode->i_mode))
		r = -EACCES;
	else if (!(f->f_inode->i_mode & 0111))
		r = -EACCES;
	else
		r = load_elf(f, &s, &mm, &entry, &sp);
	fput(f);
	if (r < 0)
		goto out;

	/* Point of no return: the new image replaces the old. */
	old = current->mm;
	current->mm = mm;
	write_cr3(virt_to_phys(mm->pml4));
	if (old)
		mm_destroy(old);
	task_set_comm(current, basename(path));
	if (current->files)
		files_close_on_exec(current->files);
	flush_signal_handlers(current);
	memset(current->fpu, 0, 512);
	*(u16 *)(current->fpu + 0) = 0x037F;
	*(u32 *)(current->fpu + 24) = 0x1F80;
	__asm__ volatile("fxrstor64 (%0)" :: "r"(current->fpu) : "memory");
	start_thread(task_pt_regs(current), entry, sp);
out:
	free_pages(buf, 5);
	return r;
}
