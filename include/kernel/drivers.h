#ifndef KERNEL_DRIVERS_H
#define KERNEL_DRIVERS_H

/* Probe and start every device driver (drivers/drivers.c). */
void drivers_init(void);

#endif
