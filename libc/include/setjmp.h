#ifndef _SETJMP_H
#define _SETJMP_H
/* rbx rbp r12 r13 r14 r15 rsp rip */
typedef long jmp_buf[8];
int setjmp(jmp_buf env) __attribute__((returns_twice));
__attribute__((noreturn)) void longjmp(jmp_buf env, int val);
#endif
