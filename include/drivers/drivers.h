/* The drivers drivers_init() registers (drivers/drivers.c). */
#ifndef DRIVERS_DRIVERS_H
#define DRIVERS_DRIVERS_H

#include <kernel/pci.h>

extern const struct pci_driver virtio_net_driver;  /* drivers/net/virtio_net.c */
extern const struct pci_driver e1000_driver;       /* drivers/net/e1000.c */

#endif
