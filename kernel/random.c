/* Kernel random numbers: xoshiro256** seeded from RDRAND when the CPU has
 * it, mixed with the TSC and boot-time jitter. Good enough statistically;
 * protocol secrets (TCP initial sequence numbers) add a keyed hash on top. */
#include <kernel/kernel.h>
#include <kernel/x86.h>

static u64 s[4];
static bool seeded;

static u64 rotl(u64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static u64 splitmix(u64 *x)
{
	u64 z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static bool rdrand64(u64 *v)
{
	u32 a, b, c, d;
	u8 ok;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & (1 << 30)))
		return false;
	__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
	return ok;
}

static void seed(void)
{
	u64 x = rdtsc(), r;

	if (rdrand64(&r))
		x ^= r;
	for (int i = 0; i < 4; i++)
		s[i] = splitmix(&x);
	seeded = true;
}

static u64 next(void)
{
	u64 result = rotl(s[1] * 5, 7) * 9;
	u64 t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

u32 get_random_u32(void)
{
	unsigned long f = local_irq_save();
	u32 v;

	if (!seeded)
		seed();
	v = (u32)(next() >> 32);
	local_irq_restore(f);
	return v;
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len) {
		u32 v = get_random_u32();
		size_t n = MIN(len, sizeof(v));

		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
}
