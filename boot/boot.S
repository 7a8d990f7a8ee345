/* First code to run: GRUB jumps here in 32-bit protected mode with paging
 * off, eax = multiboot2 magic, ebx = physical address of the boot info.
 * We build just enough page tables to enter long mode (identity map of the
 * first GiB, the same GiB at the kernel's higher-half address and at the
 * direct map), switch to 64-bit mode and call kmain(magic, info_phys).
 * kernel/mm/paging.c replaces these tables with the real ones. */

#define KERNEL_VMA     0xFFFFFFFF80000000
#define PHYS(x)        ((x) - KERNEL_VMA)

#define MB2_MAGIC      0xE85250D6
#define MB2_ARCH_I386  0

#define PTE_P          0x001
#define PTE_W          0x002
#define PTE_PS         0x080

#define CR0_PG         0x80000000
#define CR0_WP         0x00010000
#define CR4_PAE        0x00000020
#define MSR_EFER       0xC0000080
#define EFER_LME       0x00000100
#define EFER_NXE       0x00000800

	.section .multiboot, "a"
	.balign 8
mb2_header:
	.long MB2_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* information request: cmdline, modules, mmap, ELF sections */
	.balign 8
	.word 1, 0
	.long 8 + 4 * 4
	.long 1, 3, 6, 9
	.balign 8
	/* end tag */
	.word 0, 0
	.long 8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl $PHYS(boot_stack_top), %esp
	movl %eax, %edi                 /* keep magic for kmain */
	movl %ebx, %esi                 /* and the info pointer */

	/* Long mode needs CPUID leaf 0x80000001 bit 29 (LM). */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	testl $(1 << 29), %edx
	jz no_long_mode
	movl %edx, %ebp                 /* NX bit is edx bit 20 */

	/* Zero the boot page tables (4 pages, contiguous). */
	movl $PHYS(boot_pml4), %edx
	movl $(4 * 4096 / 4), %ecx
	xorl %eax, %eax
1:	movl %eax, (%edx)
	addl $4, %edx
	loop 1b

	/* PD: 512 x 2 MiB pages = the first GiB. */
	movl $PHYS(boot_pd), %edx
	movl $(PTE_P | PTE_W | PTE_PS), %eax
	movl $512, %ecx
2:	movl %eax, (%edx)
	addl $0x200000, %eax
	addl $8, %edx
	loop 2b

	/* pdpt_lo[0] -> pd (identity and direct map share it) */
	movl $PHYS(boot_pd), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, PHYS(boot_pdpt_lo)
	/* pdpt_hi[510] -> pd: 0xFFFFFFFF80000000 -> 0 */
	movl %eax, PHYS(boot_pdpt_hi) + 510 * 8

	movl $PHYS(boot_pdpt_lo), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, PHYS(boot_pml4)              /* identity, slot 0 */
	movl %eax, PHYS(boot_pml4) + 273 * 8    /* direct map 0xFFFF888000000000 */
	movl $PHYS(boot_pdpt_hi), %eax
	orl $(PTE_P | PTE_W), %eax
	movl %eax, PHYS(boot_pml4) + 511 * 8    /* kernel image */

	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4

	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3

	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	testl $(1 << 20), %ebp
	jz 3f
	orl $EFER_NXE, %eax
3:	wrmsr

	movl %cr0, %eax
	orl $(CR0_PG | CR0_WP), %eax
	movl %eax, %cr0

	lgdt boot_gdt_ptr
	ljmp $0x08, $long_mode_entry

no_long_mode:
	/* Say so on COM1, then halt. */
	movl $msg_no_lm, %ebx
4:	movb (%ebx), %al
	testb %al, %al
	jz 5f
	movw $0x3F8, %dx
	outb %al, %dx
	incl %ebx
	jmp 4b
5:	hlt
	jmp 5b

	.code64
long_mode_entry:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $higher_half, %rax
	jmp *%rax

	.section .boot.data, "aw"
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00AF9A000000FFFF        /* 0x08: 64-bit code */
	.quad 0x00CF92000000FFFF        /* 0x10: data */
boot_gdt_end:
boot_gdt_ptr:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt
msg_no_lm:
	.asciz "boot: this CPU has no long mode (x86_64)\r\n"

	.text
	.code64
	.type higher_half, @function
higher_half:
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp                 /* end of the backtrace chain */
	/* Zero .bss (the boot tables and stack live apart, in .boot_bss). */
	movq %rdi, %r12
	movabsq $__bss_start, %rdi
	movabsq $__bss_end, %rcx
	subq %rdi, %rcx
	shrq $3, %rcx
	xorl %eax, %eax
	rep stosq
	movq %r12, %rdi
	/* edi = magic, esi = info phys: already the SysV argument registers */
	movl %edi, %edi
	movl %esi, %esi
	call kmain
6:	cli
	hlt
	jmp 6b
	.size higher_half, . - higher_half

	.section .boot_bss, "aw", @nobits
	.balign 4096
	.globl boot_pml4
boot_pml4:	.skip 4096
boot_pdpt_lo:	.skip 4096
boot_pdpt_hi:	.skip 4096
boot_pd:	.skip 4096
	.globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
	.skip 16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
