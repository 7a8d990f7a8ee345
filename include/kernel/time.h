/* Clocks and the periodic tick. ktime_get_ns/ms (declared in <net/port.h>)
 * read the TSC, calibrated at boot against the PIT; the PIT interrupts at
 * HZ and drives timers and the scheduler tick. */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <net/port.h>

void time_init(void);           /* calibrate the TSC, start the tick */
void timers_init(void);
u64 tsc_khz(void);
u64 ticks(void);                /* timer interrupts since boot */
void run_timers(void);
void mdelay(unsigned ms);       /* busy-wait; for early boot only */
void udelay(unsigned us);
/* Hook called on every tick in hard IRQ context (the scheduler). */
void scheduler_tick(void);

#endif
