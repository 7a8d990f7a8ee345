/* Signals, Linux x86_64: numbers, rt_sigaction's struct sigaction (the
 * kernel layout: handler, flags, restorer, 64-bit mask), siginfo_t and the
 * flags. A handler returns through sa_restorer, which must call
 * rt_sigreturn (15); libc always sets SA_RESTORER. */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#include <uapi/types.h>

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGIOT     6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPOLL   SIGIO
#define SIGPWR    30
#define SIGSYS    31
#define SIGRTMIN_KERNEL 32
#define _NSIG     64      /* signals 1.._NSIG; sigset is one 64-bit word */

#define SA_NOCLDSTOP 0x00000001UL
#define SA_NOCLDWAIT 0x00000002UL
#define SA_SIGINFO   0x00000004UL
#define SA_RESTORER  0x04000000UL
#define SA_ONSTACK   0x08000000UL
#define SA_RESTART   0x10000000UL
#define SA_NODEFER   0x40000000UL
#define SA_RESETHAND 0x80000000UL

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

typedef void (*__sighandler_t)(int);
typedef void (*__sigrestore_t)(void);
#define SIG_DFL ((__sighandler_t)0)
#define SIG_IGN ((__sighandler_t)1)
#define SIG_ERR ((__sighandler_t)-1)

typedef unsigned long sigset_t;   /* bit (sig - 1) */

/* si_code values */
#define SI_USER    0
#define SI_KERNEL  0x80
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2

typedef struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int _pad[28];
		struct {                /* kill(2) */
			__kernel_pid_t _pid;
			__kernel_uid_t _uid;
		} _kill;
		struct {                /* SIGCHLD */
			__kernel_pid_t _pid;
			__kernel_uid_t _uid;
			int _status;
			long _utime;
			long _stime;
		} _sigchld;
		struct {                /* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			void *_addr;
		} _sigfault;
	} _sifields;
} siginfo_t;

#define si_pid    _sifields._kill._pid
#define si_uid    _sifields._kill._uid
#define si_status _sifields._sigchld._status
#define si_addr   _sifields._sigfault._addr

/* rt_sigaction(sig, act, oact, sizeof(sigset_t)) */
struct sigaction {
	union {
		__sighandler_t _sa_handler;
		void (*_sa_sigaction)(int, siginfo_t *, void *);
	} _u;
	unsigned long  sa_flags;
	__sigrestore_t sa_restorer;
	sigset_t       sa_mask;
};
#define sa_handler   _u._sa_handler
#define sa_sigaction _u._sa_sigaction

#endif
