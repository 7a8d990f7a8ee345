/* Wall-clock time: read the CMOS real-time clock once at boot; afterwards
 * CLOCK_REALTIME is that moment plus the monotonic clock. */
#include <kernel/kernel.h>
#include <kernel/x86.h>
#include <kernel/time.h>

static u64 boot_epoch;          /* seconds since 1970 at ktime 0 */

static u8 cmos_read(u8 reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static unsigned bcd(u8 v, bool binary)
{
	return binary ? v : (v & 0x0F) + (v >> 4) * 10;
}

static u64 days_from_civil(int y, unsigned m, unsigned d)
{
	/* Howard Hinnant's algorithm: days since 1970-01-01. */
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (u64)era * 146097 + doe - 719468;
}

void rtc_init(void);
void rtc_init(void)
{
	u8 sec, min, hour, day, mon, year, status_b;
	bool binary;

	/* Wait for the end of an update cycle so the fields agree. */
	for (int i = 0; i < 100000 && (cmos_read(0x0A) & 0x80); i++)
		cpu_relax();
	sec = cmos_read(0x00);
	min = cmos_read(0x02);
	hour = cmos_read(0x04);
	day = cmos_read(0x07);
	mon = cmos_read(0x08);
	year = cmos_read(0x09);
	status_b = cmos_read(0x0B);
	binary = status_b & 0x04;
	hour = bcd(hour & 0x7F, binary) + ((hour & 0x80) && !(status_b & 0x02) ? 12 : 0);
	boot_epoch = days_from_civil(2000 + bcd(year, binary), bcd(mon, binary),
				     bcd(day, binary)) * 86400 +
		     hour * 3600 + bcd(min, binary) * 60 + bcd(sec, binary);
	boot_epoch -= ktime_get_ms() / 1000;
}

u64 ktime_get_real_ns(void);
u64 ktime_get_real_ns(void)
{
	return boot_epoch * 1000000000ULL + ktime_get_ns();
}

/* The port contract's wall clock, for net/ (ICMP timestamps). */
u64 ktime_get_real_ms(void)
{
	return boot_epoch ? ktime_get_real_ns() / 1000000 : 0;
}
