/* Small stdlib pieces: abs/div, rand (a 64-bit LCG, high bits out), abort. */
#include <stdlib.h>
#include <signal.h>
#include <unistd.h>

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

div_t div(int a, int b)
{
	return (div_t){ a / b, a % b };
}

ldiv_t ldiv(long a, long b)
{
	return (ldiv_t){ a / b, a % b };
}

static unsigned long long rand_state = 1;

void srand(unsigned seed)
{
	rand_state = seed;
}

int rand(void)
{
	rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(rand_state >> 33);
}

int rand_r(unsigned *seed)
{
	unsigned long long s = *seed;

	s = s * 6364136223846793005ULL + 1442695040888963407ULL;
	*seed = (unsigned)(s >> 32);
	return (int)(s >> 33);
}

long random(void) { return rand(); }
void srandom(unsigned seed) { srand(seed); }

/* Raise SIGABRT; if it is caught or ignored, reset it and raise again. */
void abort(void)
{
	struct sigaction sa = { .sa_handler = SIG_DFL };
	sigset_t set = 1UL << (SIGABRT - 1);

	raise(SIGABRT);
	sigaction(SIGABRT, &sa, NULL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	_exit(127);
}
