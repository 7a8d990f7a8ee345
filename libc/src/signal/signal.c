/* Signals through rt_sigaction(2). The kernel's struct sigaction is our
 * struct sigaction (see <uapi/signal.h>), so the only work is to supply
 * the restorer: __restore_rt (arch/x86_64/sigreturn.S) calls
 * rt_sigreturn when a handler returns. Linux x86_64 requires SA_RESTORER
 * for that; without it a handler returns into nowhere. */
#include <signal.h>
#include <errno.h>
#include <string.h>
#include "../syscall.h"

void __restore_rt(void);

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict old)
{
	struct sigaction k;

	if (act) {
		k = *act;
		k.sa_flags |= SA_RESTORER;
		k.sa_restorer = __restore_rt;
		act = &k;
	}
	return (int)sys(__NR_rt_sigaction, sig, act, old, sizeof(sigset_t));
}

/* BSD semantics, as glibc's signal(): the handler stays installed and
 * interrupted system calls restart. */
sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART };
	struct sigaction old;

	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return (int)sys(__NR_rt_sigprocmask, how, set, old, sizeof(sigset_t));
}

int sigpending(sigset_t *set)
{
	return (int)sys(__NR_rt_sigpending, set, sizeof(sigset_t));
}

int sigsuspend(const sigset_t *mask)
{
	return (int)sys(__NR_rt_sigsuspend, mask, sizeof(sigset_t));
}

static int sig_bad(int sig)
{
	if (sig < 1 || sig > _NSIG) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0UL;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (sig_bad(sig))
		return -1;
	*set |= 1UL << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (sig_bad(sig))
		return -1;
	*set &= ~(1UL << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (sig_bad(sig))
		return -1;
	return !!(*set & (1UL << (sig - 1)));
}
