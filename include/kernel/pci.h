/* PCI: configuration space, enumeration, BARs, capabilities, interrupts
 * (INTx, MSI, MSI-X) and the driver registration table.
 *
 * Drivers fill a const struct pci_driver with an id table and a probe
 * function and call pci_register_driver(); every matching device found by
 * pci_init()'s bus scan is handed to probe(). Names follow Linux
 * (drivers/pci/), so a reader can set this beside it.
 */
#ifndef KERNEL_PCI_H
#define KERNEL_PCI_H

#include <lib/types.h>
#include <lib/list.h>
#include <kernel/irq.h>

/* ---- Configuration space registers (PCI Local Bus 3.0, 6.1) ---- */
#define PCI_VENDOR_ID          0x00
#define PCI_DEVICE_ID          0x02
#define PCI_COMMAND            0x04
#define  PCI_COMMAND_IO        0x0001
#define  PCI_COMMAND_MEMORY    0x0002
#define  PCI_COMMAND_MASTER    0x0004
#define  PCI_COMMAND_INTX_DISABLE 0x0400
#define PCI_STATUS             0x06
#define  PCI_STATUS_INTERRUPT  0x0008
#define  PCI_STATUS_CAP_LIST   0x0010
#define PCI_REVISION_ID        0x08
#define PCI_CLASS_PROG         0x09
#define PCI_CLASS_DEVICE       0x0a    /* class << 8 | subclass */
#define PCI_HEADER_TYPE        0x0e
#define  PCI_HEADER_TYPE_MASK  0x7f
#define  PCI_HEADER_TYPE_NORMAL 0
#define  PCI_HEADER_TYPE_BRIDGE 1
#define  PCI_HEADER_MULTIFUNC  0x80
#define PCI_BASE_ADDRESS_0     0x10
#define  PCI_BASE_ADDRESS_SPACE_IO   0x01
#define  PCI_BASE_ADDRESS_MEM_TYPE_64 0x04
#define  PCI_BASE_ADDRESS_MEM_PREFETCH 0x08
#define  PCI_BASE_ADDRESS_MEM_MASK   (~0x0fU)
#define  PCI_BASE_ADDRESS_IO_MASK    (~0x03U)
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID       0x2e
#define PCI_ROM_ADDRESS        0x30
#define  PCI_ROM_ADDRESS_ENABLE 0x01
#define  PCI_ROM_ADDRESS_MASK  (~0x7ffU)
#define PCI_CAPABILITY_LIST    0x34
#define PCI_INTERRUPT_LINE     0x3c
#define PCI_INTERRUPT_PIN      0x3d
/* Type 1 (bridge) header. */
#define PCI_PRIMARY_BUS        0x18
#define PCI_SECONDARY_BUS      0x19
#define PCI_SUBORDINATE_BUS    0x1a
#define PCI_ROM_ADDRESS1       0x38

#define PCI_CLASS_BRIDGE_PCI   0x0604

/* Capability IDs. */
#define PCI_CAP_ID_MSI         0x05
#define PCI_CAP_ID_VNDR        0x09
#define PCI_CAP_ID_EXP         0x10
#define PCI_CAP_ID_MSIX        0x11

/* MSI capability (offsets from the capability). */
#define PCI_MSI_FLAGS          0x02
#define  PCI_MSI_FLAGS_ENABLE  0x0001
#define  PCI_MSI_FLAGS_QMASK   0x000e
#define  PCI_MSI_FLAGS_QSIZE   0x0070
#define  PCI_MSI_FLAGS_64BIT   0x0080
#define PCI_MSI_ADDRESS_LO     0x04
#define PCI_MSI_ADDRESS_HI     0x08
#define PCI_MSI_DATA_32        0x08
#define PCI_MSI_DATA_64        0x0c

/* MSI-X capability and table entries. */
#define PCI_MSIX_FLAGS         0x02
#define  PCI_MSIX_FLAGS_QSIZE  0x07ff
#define  PCI_MSIX_FLAGS_MASKALL 0x4000
#define  PCI_MSIX_FLAGS_ENABLE 0x8000
#define PCI_MSIX_TABLE         0x04
#define  PCI_MSIX_TABLE_BIR    0x00000007
#define  PCI_MSIX_TABLE_OFFSET 0xfffffff8
#define PCI_MSIX_PBA           0x08
#define PCI_MSIX_ENTRY_SIZE    16
#define PCI_MSIX_ENTRY_LOWER_ADDR 0
#define PCI_MSIX_ENTRY_UPPER_ADDR 4
#define PCI_MSIX_ENTRY_DATA    8
#define PCI_MSIX_ENTRY_VECTOR_CTRL 12
#define  PCI_MSIX_ENTRY_CTRL_MASKBIT 1

#define PCI_ANY_ID 0xffff
#define PCI_NUM_BARS 6
#define PCI_ROM_RESOURCE 6              /* index of the ROM in res[] */
#define PCI_NUM_RESOURCES 7
#define PCI_MSIX_MAX_ROUTED 8           /* entries a driver may route */

/* Resource flags (the low four bits are the BAR's own flag bits, as in
 * /proc/bus/pci/devices). */
#define PCI_RES_IO       0x100
#define PCI_RES_MEM      0x200
#define PCI_RES_MEM64    0x400
#define PCI_RES_PREFETCH 0x800
#define PCI_RES_ROM      0x1000
#define PCI_RES_BARBITS  0x0f

struct pci_resource {
	u64 start;              /* bus address (port number for I/O) */
	u64 size;               /* 0: not implemented */
	u32 flags;
};

struct pci_driver;

struct pci_dev {
	struct list_head node;          /* on the global device list */
	u8 bus;
	u8 devfn;                       /* device << 3 | function */
	u16 vendor, device;
	u16 subsystem_vendor, subsystem_device;
	u32 class;                      /* class << 16 | subclass << 8 | prog-if */
	u8 revision;
	u8 hdr_type;
	u8 pin;                         /* INTx pin 1..4, 0 = none */
	u8 irq;                         /* legacy line from the firmware */
	u8 msi_cap, msix_cap;           /* capability offsets, 0 = absent */
	bool msix_enabled, msi_enabled;
	u16 msix_nr;                    /* table size */
	volatile u8 *msix_table;        /* mapped MSI-X table */
	int msix_vectors[PCI_MSIX_MAX_ROUTED]; /* CPU vector per entry, 0 = none */
	struct pci_resource res[PCI_NUM_RESOURCES];
	const struct pci_driver *driver;
	void *driver_data;
};

#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn) ((devfn) & 0x07)
#define PCI_DEVFN(slot, fn) ((((slot) & 0x1f) << 3) | ((fn) & 0x07))

struct pci_device_id {
	u16 vendor, device;             /* PCI_ANY_ID matches any */
	unsigned long driver_data;
};
#define PCI_DEVICE(v, d) .vendor = (v), .device = (d)

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;   /* ends with vendor 0 */
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
};

/* ---- Configuration space (drivers/pci/access.c) ---- */
u8 pci_bus_read_config_byte(u8 bus, u8 devfn, u16 where);
u16 pci_bus_read_config_word(u8 bus, u8 devfn, u16 where);
u32 pci_bus_read_config_dword(u8 bus, u8 devfn, u16 where);
void pci_bus_write_config_byte(u8 bus, u8 devfn, u16 where, u8 v);
void pci_bus_write_config_word(u8 bus, u8 devfn, u16 where, u16 v);
void pci_bus_write_config_dword(u8 bus, u8 devfn, u16 where, u32 v);

static inline u8 pci_read_config_byte(const struct pci_dev *d, u16 where)
{
	return pci_bus_read_config_byte(d->bus, d->devfn, where);
}
static inline u16 pci_read_config_word(const struct pci_dev *d, u16 where)
{
	return pci_bus_read_config_word(d->bus, d->devfn, where);
}
static inline u32 pci_read_config_dword(const struct pci_dev *d, u16 where)
{
	return pci_bus_read_config_dword(d->bus, d->devfn, where);
}
static inline void pci_write_config_byte(const struct pci_dev *d, u16 where, u8 v)
{
	pci_bus_write_config_byte(d->bus, d->devfn, where, v);
}
static inline void pci_write_config_word(const struct pci_dev *d, u16 where, u16 v)
{
	pci_bus_write_config_word(d->bus, d->devfn, where, v);
}
static inline void pci_write_config_dword(const struct pci_dev *d, u16 where, u32 v)
{
	pci_bus_write_config_dword(d->bus, d->devfn, where, v);
}

/* ---- Enumeration (drivers/pci/probe.c) ---- */
/* Scan every bus once (idempotent); returns the number of functions. */
int pci_init(void);
/* Next device after from (NULL: the first) matching vendor/device
 * (PCI_ANY_ID = any). */
struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from);
/* "0000:00:03.0" into buf (at least 13 bytes). */
const char *pci_name(const struct pci_dev *dev, char *buf);
const char *pci_class_name(u32 class);

/* ---- Device set-up (drivers/pci/pci.c) ---- */
int pci_enable_device(struct pci_dev *dev);     /* I/O + memory decode */
void pci_set_master(struct pci_dev *dev);       /* allow DMA */
/* Map a memory BAR uncached; NULL for I/O or absent BARs. */
void *pci_iomap(struct pci_dev *dev, int bar, u64 maxlen);
/* Capability offset, or 0. pci_find_next_capability continues after pos. */
u8 pci_find_capability(const struct pci_dev *dev, u8 cap);
u8 pci_find_next_capability(const struct pci_dev *dev, u8 pos, u8 cap);

/* ---- Interrupts (drivers/pci/irq.c, drivers/pci/msi.c) ---- */
/* Legacy INTx on the firmware-assigned line, shared with other devices:
 * the handler must check its own device's status and return IRQ_NONE
 * when the interrupt was not its. */
int pci_request_intx(struct pci_dev *dev, irq_handler_t fn, const char *name,
		     void *data);
void pci_free_intx(struct pci_dev *dev, void *data);
void pci_intx(struct pci_dev *dev, bool enable);

/* MSI-X (PCI 3.0 6.8.2): map the table and enable the function with
 * every entry masked; then route entries one by one. pci_msix_request
 * gives the entry a CPU vector of its own running fn(vector, data), writes
 * the message address/data and unmasks it; returns the vector or -errno. */
int pci_enable_msix(struct pci_dev *dev);
int pci_msix_request(struct pci_dev *dev, u16 entry, irq_handler_t fn,
		     const char *name, void *data);
void pci_msix_mask(struct pci_dev *dev, u16 entry, bool mask);
void pci_disable_msix(struct pci_dev *dev);     /* frees routed vectors */
/* MSI (single message). Returns the vector or a negative errno. */
int pci_enable_msi(struct pci_dev *dev, irq_handler_t fn, const char *name,
		   void *data);
void pci_disable_msi(struct pci_dev *dev, int vector);

/* ---- Drivers (drivers/pci/pci-driver.c) ---- */
/* Probe every unclaimed device the driver's id table matches. Returns the
 * number of devices bound. */
int pci_register_driver(const struct pci_driver *drv);
const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
					 const struct pci_dev *dev);

/* ---- Text views (drivers/pci/proc.c) ---- */
/* /proc/bus/pci/devices, Linux's format. Returns the length needed (may
 * exceed size; the text is truncated but always NUL-terminated). */
size_t pci_proc_devices(char *buf, size_t size);
/* Register /proc/bus/pci/devices and /proc/bus/pci/BB/DD.F. */
void pci_proc_init(void);

#endif
