/* Device drivers' bring-up, called once from start_kernel_rest() after the
 * core kernel (memory, interrupts, timers) is up: PCI enumeration, then
 * each driver probes the devices it claims. */
#include <kernel/kernel.h>
#include <kernel/drivers.h>

void drivers_init(void)
{
}
