/* Reaching user memory from the kernel. Every user pointer is checked to
 * lie in the user half, and the copy itself survives a fault: the
 * exception table sends a faulting copy to its fixup, which reports the
 * bytes not copied. copy_to_user/copy_from_user are declared in
 * <net/port.h> (net/ copies socket data straight to user buffers). */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <kernel/mm.h>
#include <net/port.h>

bool uaccess_kernel_allowed(void);

static inline bool access_ok(const void *p, unsigned long len)
{
	u64 a = (u64)p;

	if (a + len < a)
		return false;
	return a + len <= USER_TOP || uaccess_kernel_allowed();
}

/* Copy a NUL-terminated string of at most max-1 chars; returns its length,
 * -EFAULT, or -ENAMETOOLONG if no NUL within max bytes. */
long strncpy_from_user(char *dst, const char *src, long max);
unsigned long clear_user(void *to, unsigned long n);
int get_user_u64(u64 *val, const u64 *uptr);
int put_user_u64(u64 val, u64 *uptr);
int get_user_u32(u32 *val, const u32 *uptr);
int put_user_u32(u32 val, u32 *uptr);

#endif
