/* User memory copies with fault fixups (see <kernel/uaccess.h>). A fault
 * in `rep movsb` leaves rcx = bytes still to copy; the exception table
 * entry resumes right after the instruction, so the count comes back as
 * the "not copied" result. The bulk goes eight bytes at a time first. */
#include <kernel/kernel.h>
#include <kernel/uaccess.h>
#include <kernel/sched.h>

/* Set around kernel_read()/kernel_write(), which pass kernel buffers
 * through file operations written for user buffers. */
bool uaccess_kernel_allowed(void)
{
	return current && current->uaccess_kernel;
}

#define EX_ENTRY(insn, fixup) \
	".pushsection __ex_table, \"a\"\n\t.balign 8\n\t.quad " #insn ", " #fixup "\n\t.popsection\n\t"

/* Eight-byte moves in a loop, then the tail with rep movsb. Not a plain
 * rep movsb: under QEMU's TCG each iteration of a rep string instruction
 * can cost a trip through the emulator's main loop (see memcpy in
 * kernel/lib/string.c). A fault in the loop hands the rest, from the
 * faulting word on, to the byte copy, which stops on the exact byte. */
static unsigned long raw_copy(void *to, const void *from, unsigned long n)
{
	unsigned long q = n >> 3;

	__asm__ volatile("	testq %[q], %[q]\n\t"
			 "	jz 3f\n\t"
			 "1:	movq (%[s]), %%r8\n\t"
			 "2:	movq %%r8, (%[d])\n\t"
			 "	addq $8, %[s]\n\t"
			 "	addq $8, %[d]\n\t"
			 "	subq $8, %[n]\n\t"
			 "	decq %[q]\n\t"
			 "	jnz 1b\n\t"
			 "3:\n\t"
			 EX_ENTRY(1b, 3b)
			 EX_ENTRY(2b, 3b)
			 : [d] "+D"(to), [s] "+S"(from), [n] "+c"(n), [q] "+r"(q)
			 :: "r8", "memory");
	__asm__ volatile("4: rep movsb\n\t"
			 "5:\n\t"
			 EX_ENTRY(4b, 5b)
			 : "+D"(to), "+S"(from), "+c"(n) :: "memory");
	return n;
}

static unsigned long raw_clear(void *to, unsigned long n)
{
	unsigned long q = n >> 3;

	__asm__ volatile("	testq %[q], %[q]\n\t"
			 "	jz 3f\n\t"
			 "1:	movq $0, (%[d])\n\t"
			 "	addq $8, %[d]\n\t"
			 "	subq $8, %[n]\n\t"
			 "	decq %[q]\n\t"
			 "	jnz 1b\n\t"
			 "3:\n\t"
			 EX_ENTRY(1b, 3b)
			 : [d] "+D"(to), [n] "+c"(n), [q] "+r"(q) :: "memory");
	__asm__ volatile("4: rep stosb\n\t"
			 "5:\n\t"
			 EX_ENTRY(4b, 5b)
			 : "+D"(to), "+c"(n) : "a"(0) : "memory");
	return n;
}

unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return raw_copy(to, from, n);
}

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	unsigned long left;

	if (!access_ok(from, n)) {
		memset(to, 0, n);
		return n;
	}
	left = raw_copy(to, from, n);
	if (left)       /* never hand the caller stale kernel bytes */
		memset((u8 *)to + (n - left), 0, left);
	return left;
}

unsigned long clear_user(void *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return raw_clear(to, n);
}

/* Copy page by page so we never touch a page past the terminator. */
long strncpy_from_user(char *dst, const char *src, long max)
{
	long done = 0;

	while (done < max) {
		u64 a = (u64)src + done;
		long chunk = MIN((long)(PAGE_SIZE - (a & ~PAGE_MASK)), max - done);
		char *nul;

		if (copy_from_user(dst + done, (const void *)a, chunk))
			return -EFAULT;
		nul = memchr(dst + done, 0, chunk);
		if (nul)
			return nul - dst;
		done += chunk;
	}
	return -ENAMETOOLONG;
}

int get_user_u64(u64 *val, const u64 *uptr)
{
	return copy_from_user(val, uptr, sizeof(*val)) ? -EFAULT : 0;
}

int put_user_u64(u64 val, u64 *uptr)
{
	return copy_to_user(uptr, &val, sizeof(val)) ? -EFAULT : 0;
}

int get_user_u32(u32 *val, const u32 *uptr)
{
	return copy_from_user(val, uptr, sizeof(*val)) ? -EFAULT : 0;
}

int put_user_u32(u32 val, u32 *uptr)
{
	return copy_to_user(uptr, &val, sizeof(val)) ? -EFAULT : 0;
}
