/* Symbol names for backtraces. GRUB loads the kernel's .symtab and .strtab
 * into memory and describes them in the multiboot2 ELF-sections tag; we keep
 * pointers to them (their frames are reserved from the page allocator). */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/ksyms.h>

struct elf64_shdr {
	u32 sh_name, sh_type;
	u64 sh_flags, sh_addr, sh_offset, sh_size;
	u32 sh_link, sh_info;
	u64 sh_addralign, sh_entsize;
};

struct elf64_sym {
	u32 st_name;
	u8 st_info, st_other;
	u16 st_shndx;
	u64 st_value, st_size;
};

#define SHT_SYMTAB 2
#define STT_FUNC 2

static const struct elf64_sym *symtab;
static size_t nsyms;
static const char *strtab;
static size_t strtab_size;
static phys_addr_t symtab_pa, strtab_pa;
static u64 symtab_len;

static void *section_ptr(u64 addr)
{
	/* GRUB reports where it put the section: a physical address. */
	return addr >= KERNEL_VMA ? (void *)addr : phys_to_virt(addr);
}

void ksyms_init(phys_addr_t shdrs_pa, u32 num, u32 entsize)
{
	const char *base = phys_to_virt(shdrs_pa);

	if (entsize < sizeof(struct elf64_shdr))
		return;
	for (u32 i = 0; i < num; i++) {
		const struct elf64_shdr *sh = (const void *)(base + i * entsize);
		const struct elf64_shdr *str;

		if (sh->sh_type != SHT_SYMTAB || sh->sh_link >= num || !sh->sh_addr)
			continue;
		str = (const void *)(base + sh->sh_link * entsize);
		if (!str->sh_addr)
			continue;
		symtab = section_ptr(sh->sh_addr);
		nsyms = sh->sh_size / sizeof(struct elf64_sym);
		strtab = section_ptr(str->sh_addr);
		strtab_size = str->sh_size;
		symtab_pa = sh->sh_addr;
		symtab_len = sh->sh_size;
		strtab_pa = str->sh_addr;
		return;
	}
}

void ksyms_reserve(void (*reserve)(phys_addr_t base, u64 len))
{
	if (!symtab || symtab_pa >= KERNEL_VMA)
		return;
	reserve(symtab_pa, symtab_len);
	reserve(strtab_pa, strtab_size);
}

const char *ksym_lookup(u64 addr, u64 *off, u64 *size)
{
	const struct elf64_sym *best = NULL;

	for (size_t i = 0; i < nsyms; i++) {
		const struct elf64_sym *s = &symtab[i];

		if ((s->st_info & 0xF) != STT_FUNC || s->st_value > addr)
			continue;
		if (addr < s->st_value + (s->st_size ? s->st_size : 1) &&
		    (!best || s->st_value > best->st_value))
			best = s;
	}
	if (!best || best->st_name >= strtab_size)
		return NULL;
	*off = addr - best->st_value;
	*size = best->st_size;
	return strtab + best->st_name;
}

u64 ksym_address(const char *name)
{
	for (size_t i = 0; i < nsyms; i++)
		if (symtab[i].st_name < strtab_size &&
		    !strcmp(strtab + symtab[i].st_name, name))
			return symtab[i].st_value;
	return 0;
}

static void print_addr(u64 addr)
{
	u64 off, size;
	const char *name = ksym_lookup(addr, &off, &size);

	if (name)
		printk(KERN_EMERG "  [<%016lx>] %s+0x%lx/0x%lx\n",
		       (unsigned long)addr, name, (unsigned long)off,
		       (unsigned long)size);
	else
		printk(KERN_EMERG "  [<%016lx>] ?\n", (unsigned long)addr);
}

/* A frame pointer is trusted only if it points into kernel memory and is
 * aligned; a corrupt chain must not fault the panic path itself. */
static bool frame_ok(u64 rbp)
{
	return (rbp & 7) == 0 && rbp >= PAGE_OFFSET && rbp < 0xFFFFFFFFFFFFF000UL &&
	       (rbp >= KERNEL_VMA || rbp < PAGE_OFFSET + (64UL << 30));
}

void dump_backtrace(u64 rbp, u64 rip)
{
	printk(KERN_EMERG "Call Trace:\n");
	if (rip)
		print_addr(rip);
	for (int depth = 0; depth < 32 && frame_ok(rbp); depth++) {
		u64 *frame = (u64 *)rbp;
		u64 ret = frame[1];

		if (ret < KERNEL_VMA)
			break;
		/* ret points after the call; name the call itself. */
		print_addr(ret - 1);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}
