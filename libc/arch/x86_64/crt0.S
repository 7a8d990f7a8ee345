/* Process entry. The kernel starts us with rsp pointing at argc, followed
 * by argv[], NULL, envp[], NULL, auxv (System V x86_64 ABI, 3.4.1). rbp is
 * zeroed to end frame-pointer backtraces here; the stack is re-aligned to
 * 16 bytes before the call as the ABI requires. */
	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp
	mov %rsp, %rdi
	and $-16, %rsp
	call __libc_start_main
	hlt
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
