/* Context switch, new-task entry points and the syscall entry. */
#include <kernel/gdt.h>

	.text
	.code64

/* void __switch_to(u64 *prev_ksp, u64 next_ksp)
 * Save the callee-saved registers on the old kernel stack, remember where
 * it ended, and resume the next task on its own stack. The C caller
 * (schedule) has saved everything else by the ABI. */
	.globl __switch_to
	.type __switch_to, @function
__switch_to:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size __switch_to, . - __switch_to

/* A forked process starts here with rsp at its struct pt_regs (the copy
 * of its parent's): finish the switch, then leave as from an interrupt. */
	.globl ret_from_fork
	.type ret_from_fork, @function
ret_from_fork:
	movq %rsp, %rdi
	call ret_from_fork_c
	jmp ret_from_interrupt
	.size ret_from_fork, . - ret_from_fork

/* A kernel thread starts here: r12 = function, r13 = argument. */
	.globl kthread_trampoline
	.type kthread_trampoline, @function
kthread_trampoline:
	call schedule_tail
	movq %r13, %rdi
	call *%r12
	movl %eax, %edi
	call kthread_exit
	ud2
	.size kthread_trampoline, . - kthread_trampoline

/* The `syscall` instruction lands here with interrupts off (SFMASK), the
 * user rsp still loaded, rcx = user rip and r11 = user rflags. Switch to
 * the task's kernel stack and build the same struct pt_regs an interrupt
 * would, with vector = -1 and error_code = the syscall number. One CPU:
 * a global scratch slot holds the user rsp for two instructions. */
	.globl syscall_entry
	.type syscall_entry, @function
syscall_entry:
	movq %rsp, syscall_user_rsp(%rip)
	movq syscall_kstack_top(%rip), %rsp
	pushq $USER_DS
	pushq syscall_user_rsp(%rip)
	pushq %r11
	pushq $USER_CS
	pushq %rcx
	pushq %rax              /* error_code slot: syscall number */
	pushq $-1               /* vector slot: marks a syscall frame */
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
	xorl %ebp, %ebp         /* backtraces stop here */
	movq %rsp, %rdi
	call do_syscall_64
	jmp ret_from_interrupt
	.size syscall_entry, . - syscall_entry

	.data
	.balign 8
	.globl syscall_kstack_top
syscall_kstack_top:
	.quad 0
syscall_user_rsp:
	.quad 0

	.section .note.GNU-stack, "", @progbits
