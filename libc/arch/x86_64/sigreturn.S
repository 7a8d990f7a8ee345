/* Signal return trampoline. sigaction() stores its address in sa_restorer
 * (with SA_RESTORER); the kernel makes it the handler's return address, so
 * when the handler returns we land here with rsp at the signal frame and
 * ask the kernel to restore the interrupted context. */
	.text
	.globl __restore_rt
	.type __restore_rt, @function
__restore_rt:
	mov $15, %eax          /* __NR_rt_sigreturn */
	syscall
	hlt
	.size __restore_rt, . - __restore_rt
	.section .note.GNU-stack, "", @progbits
