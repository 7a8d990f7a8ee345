#ifndef _SIGNAL_H
#define _SIGNAL_H
#include <bits/alltypes.h>
#include <uapi/signal.h>
#include <uapi/time.h>

#define NSIG (_NSIG + 1)
typedef int sig_atomic_t;
typedef __sighandler_t sighandler_t;

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict old);
sighandler_t signal(int sig, sighandler_t handler);
int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
int sigprocmask(int how, const sigset_t *restrict set,
		sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
void psignal(int sig, const char *s);
#endif
