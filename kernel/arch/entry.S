/* Interrupt and exception entry. Every vector has a stub that pushes a
 * uniform frame (a zero error code where the CPU pushes none, then the
 * vector number) and jumps to interrupt_common, which saves the general
 * registers as a struct pt_regs and calls interrupt_dispatch(regs). */

	.text
	.code64

/* One 16-byte stub per vector; the CPU pushes an error code itself only
 * for vectors 8, 10-14, 17, 21, 29 and 30. */
	.balign 16
	.globl isr_stubs_start
isr_stubs_start:
	.set i, 0
	.rept 256
	.balign 16
	.if !(i == 8 || (i >= 10 && i <= 14) || i == 17 || i == 21 || i == 29 || i == 30)
	pushq $0
	.endif
	pushq $i
	jmp interrupt_common
	.set i, i + 1
	.endr

	.globl interrupt_common
	.type interrupt_common, @function
interrupt_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rdi
	call interrupt_dispatch
	.globl ret_from_interrupt
ret_from_interrupt:
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp          /* vector and error code */
	iretq
	.size interrupt_common, . - interrupt_common

	/* Table of stub addresses for idt_init(). */
	.section .rodata
	.balign 8
	.globl isr_stub_table
isr_stub_table:
	.set i, 0
	.rept 256
	.quad isr_stubs_start + i * 16
	.set i, i + 1
	.endr

	.section .note.GNU-stack, "", @progbits
