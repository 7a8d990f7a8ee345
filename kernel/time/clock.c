/* Time keeping. The TSC gives a fine monotonic clock once we know its
 * rate, which we measure against PIT channel 2 over 20 ms at boot (under
 * QEMU TCG the TSC follows host time, as the PIT does). PIT channel 0 then
 * ticks at HZ to drive timers and scheduling. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/irq.h>
#include <kernel/time.h>

#define PIT_HZ        1193182
#define PIT_CH0       0x40
#define PIT_CH2       0x42
#define PIT_CMD       0x43
#define PIT_GATE      0x61
#define CALIBRATE_MS  20

static u64 tsc_hz;
static u64 tsc_boot;
static u64 ns_mult;             /* ns = (cycles * ns_mult) >> 32 */
static volatile u64 tick_count;

u64 tsc_khz(void) { return tsc_hz / 1000; }
u64 ticks(void) { return tick_count; }

/* Count TSC cycles while PIT channel 2 counts down CALIBRATE_MS. */
static u64 calibrate_tsc(void)
{
	u32 count = PIT_HZ * CALIBRATE_MS / 1000;
	u64 t0, t1;
	u8 gate;

	gate = inb(PIT_GATE);
	outb(PIT_GATE, (gate & ~0x02) | 0x01);  /* gate on, speaker off */
	outb(PIT_CMD, 0xB0);                    /* ch2, lo/hi, mode 0 */
	outb(PIT_CH2, count & 0xFF);
	outb(PIT_CH2, count >> 8);
	/* Restart the count: toggle the gate low then high. */
	gate = inb(PIT_GATE);
	outb(PIT_GATE, gate & ~0x01);
	outb(PIT_GATE, gate | 0x01);
	t0 = rdtsc();
	for (u64 spin = 0; !(inb(PIT_GATE) & 0x20); spin++)
		if (spin > 100000000ULL)
			return 0;
	t1 = rdtsc();
	return (t1 - t0) * (1000 / CALIBRATE_MS);
}

u64 ktime_get_ns(void)
{
	u64 cycles;

	if (!ns_mult)
		return 0;
	cycles = rdtsc() - tsc_boot;
	return (u64)(((unsigned __int128)cycles * ns_mult) >> 32);
}

u64 ktime_get_ms(void)
{
	return ktime_get_ns() / 1000000;
}

void udelay(unsigned us)
{
	u64 end = ktime_get_ns() + (u64)us * 1000;

	while (ktime_get_ns() < end)
		cpu_relax();
}

void mdelay(unsigned ms)
{
	udelay(ms * 1000);
}

static irqreturn_t timer_interrupt(int irq, void *dev)
{
	tick_count++;
	raise_softirq(TIMER_SOFTIRQ);
	scheduler_tick();
	return IRQ_HANDLED;
}

void time_init(void)
{
	u32 divisor = (PIT_HZ + HZ / 2) / HZ;

	tsc_boot = rdtsc();
	tsc_hz = calibrate_tsc();
	if (!tsc_hz) {
		printk(KERN_WARNING "time: TSC calibration failed, assuming 1 GHz\n");
		tsc_hz = 1000000000ULL;
	}
	ns_mult = (1000000000ULL << 32) / tsc_hz;       /* fits: 4.3e18 */
	outb(PIT_CMD, 0x34);                    /* ch0, lo/hi, mode 2 */
	outb(PIT_CH0, divisor & 0xFF);
	outb(PIT_CH0, divisor >> 8);
	request_irq(0, timer_interrupt, "timer", NULL);
	printk(KERN_INFO "time: TSC %lu.%03lu MHz, tick %d Hz\n",
	       (unsigned long)(tsc_hz / 1000000),
	       (unsigned long)(tsc_hz / 1000 % 1000), HZ);
}
