#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

#define KERNEL_NAME    "teachos"
#define KERNEL_RELEASE "0.1"
/* The console banner; tests and the boot-time figure key on it. */
#define KERNEL_BANNER  KERNEL_NAME " " KERNEL_RELEASE " x86_64 (teaching kernel)"

void start_kernel_rest(void) __attribute__((noreturn));

#endif
