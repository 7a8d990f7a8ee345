/* libc-private: raw system calls on x86_64.
 *
 * The `syscall` instruction takes the number in rax and arguments in rdi,
 * rsi, rdx, r10, r8, r9; it clobbers rcx (return rip) and r11 (rflags) and
 * returns in rax, where -4095..-1 means -errno. __syscallN return that raw
 * value; __syscall_ret() turns it into the C convention (-1 and errno). */
#ifndef LIBC_SYSCALL_H
#define LIBC_SYSCALL_H

#include <uapi/unistd.h>

static inline long __syscall0(long n)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory");
	return r;
}

static inline long __syscall1(long n, long a)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a)
			 : "rcx", "r11", "memory");
	return r;
}

static inline long __syscall2(long n, long a, long b)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b)
			 : "rcx", "r11", "memory");
	return r;
}

static inline long __syscall3(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}

static inline long __syscall4(long n, long a, long b, long c, long d)
{
	long r;
	register long r10 __asm__("r10") = d;
	__asm__ volatile("syscall" : "=a"(r)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return r;
}

static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	__asm__ volatile("syscall" : "=a"(r)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
			 : "rcx", "r11", "memory");
	return r;
}

static inline long __syscall6(long n, long a, long b, long c, long d, long e,
			      long f)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("syscall" : "=a"(r)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return r;
}

/* Raw result -> C convention: set errno and return -1 on error. */
long __syscall_ret(unsigned long r);

#define __SC_NARG(...) __SC_NARG_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define __SC_NARG_(n, a, b, c, d, e, f, N, ...) N
#define __SC_CAT(a, b) __SC_CAT_(a, b)
#define __SC_CAT_(a, b) a##b
#define __SC_L(x) ((long)(x))

#define __sc0(n)                   __syscall0(n)
#define __sc1(n, a)                __syscall1(n, __SC_L(a))
#define __sc2(n, a, b)             __syscall2(n, __SC_L(a), __SC_L(b))
#define __sc3(n, a, b, c)          __syscall3(n, __SC_L(a), __SC_L(b), __SC_L(c))
#define __sc4(n, a, b, c, d)       __syscall4(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d))
#define __sc5(n, a, b, c, d, e)    __syscall5(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d), __SC_L(e))
#define __sc6(n, a, b, c, d, e, f) __syscall6(n, __SC_L(a), __SC_L(b), __SC_L(c), __SC_L(d), __SC_L(e), __SC_L(f))

/* __sys(nr, args...): raw value. sys(nr, args...): C convention. */
#define __sys(...) __SC_CAT(__sc, __SC_NARG(__VA_ARGS__))(__VA_ARGS__)
#define sys(...) __syscall_ret((unsigned long)__sys(__VA_ARGS__))

#endif
