/* PCI enumeration: walk every bus from 0 through configuration space,
 * recursing through PCI-to-PCI bridges, and record each function with its
 * BARs sized by the all-ones probe (PCI Local Bus 3.0, 6.2.5.1).
 *
 *   drivers_init -> pci_init -> pci_scan_bus(0) -> pci_scan_slot
 *                -> pci_scan_function -> pci_read_bases (+ bridge: recurse)
 *
 * The firmware (SeaBIOS) has already assigned addresses, bus numbers and
 * interrupt lines; we read them and change nothing but what sizing needs.
 */
#include <kernel/kernel.h>
#include <kernel/slab.h>
#include <kernel/pci.h>

static LIST_HEAD(pci_devices);
static u8 bus_seen[256 / 8];
static bool pci_scanned;
static int pci_nr_devices;

static void pci_scan_bus(u8 bus);

const char *pci_name(const struct pci_dev *dev, char *buf)
{
	snprintf(buf, 13, "0000:%02x:%02x.%x", dev->bus, PCI_SLOT(dev->devfn),
		 PCI_FUNC(dev->devfn));
	return buf;
}

/* Write all-ones, read back which address bits stick, restore. */
static u32 pci_probe_reg(struct pci_dev *dev, u16 off, u32 ones)
{
	u32 orig = pci_read_config_dword(dev, off);
	u32 probe;

	pci_write_config_dword(dev, off, ones);
	probe = pci_read_config_dword(dev, off);
	pci_write_config_dword(dev, off, orig);
	return probe;
}

static void pci_read_io_bar(struct pci_resource *r, u32 orig, u32 probe)
{
	u32 mask = probe & PCI_BASE_ADDRESS_IO_MASK;

	/* I/O BARs may implement only 16 address bits. */
	if (!(mask & 0xFFFF0000u))
		mask |= 0xFFFF0000u;
	r->start = orig & PCI_BASE_ADDRESS_IO_MASK;
	r->size = (u32)(~mask + 1);
	r->flags = PCI_RES_IO | (orig & 0x3);
}

/* Read BAR i; returns how many BAR slots it used (2 for 64-bit). */
static int pci_read_bar(struct pci_dev *dev, int i)
{
	u16 off = PCI_BASE_ADDRESS_0 + 4 * i;
	struct pci_resource *r = &dev->res[i];
	u32 orig = pci_read_config_dword(dev, off);
	u32 probe = pci_probe_reg(dev, off, 0xFFFFFFFFu);
	u64 mask;

	if (probe == 0 || probe == 0xFFFFFFFFu)
		return 1;               /* not implemented */
	if (orig & PCI_BASE_ADDRESS_SPACE_IO) {
		pci_read_io_bar(r, orig, probe);
		return 1;
	}
	r->flags = PCI_RES_MEM | (orig & PCI_RES_BARBITS);
	if (orig & PCI_BASE_ADDRESS_MEM_PREFETCH)
		r->flags |= PCI_RES_PREFETCH;
	mask = probe & PCI_BASE_ADDRESS_MEM_MASK;
	r->start = orig & PCI_BASE_ADDRESS_MEM_MASK;
	if ((orig & 0x6) == PCI_BASE_ADDRESS_MEM_TYPE_64 && i + 1 < PCI_NUM_BARS) {
		u32 hi = pci_read_config_dword(dev, off + 4);

		mask |= (u64)pci_probe_reg(dev, off + 4, 0xFFFFFFFFu) << 32;
		r->start |= (u64)hi << 32;
		r->flags |= PCI_RES_MEM64;
		r->size = ~mask + 1;
		return 2;
	}
	r->size = (u32)(~(u32)mask + 1);
	return 1;
}

static void pci_read_rom(struct pci_dev *dev, u16 off)
{
	struct pci_resource *r = &dev->res[PCI_ROM_RESOURCE];
	u32 orig = pci_read_config_dword(dev, off);
	u32 probe = pci_probe_reg(dev, off, PCI_ROM_ADDRESS_MASK);

	probe &= PCI_ROM_ADDRESS_MASK;
	if (!probe)
		return;
	r->start = orig & PCI_ROM_ADDRESS_MASK;
	r->size = (u32)(~probe + 1);
	r->flags = PCI_RES_MEM | PCI_RES_ROM | (orig & PCI_ROM_ADDRESS_ENABLE);
}

/* Size the BARs with decoding off, so a half-written BAR never claims
 * addresses that belong to someone else. */
static void pci_read_bases(struct pci_dev *dev, int nbars, u16 rom)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	pci_write_config_word(dev, PCI_COMMAND,
			      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int i = 0; i < nbars; )
		i += pci_read_bar(dev, i);
	if (rom)
		pci_read_rom(dev, rom);
	pci_write_config_word(dev, PCI_COMMAND, cmd);
}

static void pci_print_resources(struct pci_dev *dev, const char *name)
{
	for (int i = 0; i < PCI_NUM_RESOURCES; i++) {
		const struct pci_resource *r = &dev->res[i];

		if (!r->size)
			continue;
		printk(KERN_DEBUG "pci %s: %s %d: [%s %#lx-%#lx%s%s]\n", name,
		       i == PCI_ROM_RESOURCE ? "rom" : "bar", i,
		       r->flags & PCI_RES_IO ? "io " : "mem", r->start,
		       r->start + r->size - 1,
		       r->flags & PCI_RES_MEM64 ? " 64bit" : "",
		       r->flags & PCI_RES_PREFETCH ? " pref" : "");
	}
}

static void pci_setup_device(struct pci_dev *dev)
{
	u8 type = dev->hdr_type & PCI_HEADER_TYPE_MASK;

	dev->device = pci_read_config_word(dev, PCI_DEVICE_ID);
	dev->class = pci_read_config_dword(dev, PCI_REVISION_ID) >> 8;
	dev->revision = pci_read_config_byte(dev, PCI_REVISION_ID);
	dev->pin = pci_read_config_byte(dev, PCI_INTERRUPT_PIN);
	dev->irq = dev->pin ? pci_read_config_byte(dev, PCI_INTERRUPT_LINE) : 0;
	if (type == PCI_HEADER_TYPE_NORMAL) {
		dev->subsystem_vendor = pci_read_config_word(dev, PCI_SUBSYSTEM_VENDOR_ID);
		dev->subsystem_device = pci_read_config_word(dev, PCI_SUBSYSTEM_ID);
		pci_read_bases(dev, PCI_NUM_BARS, PCI_ROM_ADDRESS);
	} else if (type == PCI_HEADER_TYPE_BRIDGE) {
		pci_read_bases(dev, 2, PCI_ROM_ADDRESS1);
	}
	dev->msi_cap = pci_find_capability(dev, PCI_CAP_ID_MSI);
	dev->msix_cap = pci_find_capability(dev, PCI_CAP_ID_MSIX);
}

static void pci_announce(struct pci_dev *dev)
{
	char name[16];

	pci_name(dev, name);
	printk(KERN_INFO "pci %s: [%04x:%04x] type %02x class %#08x %s%s%s\n",
	       name, dev->vendor, dev->device, dev->hdr_type & PCI_HEADER_TYPE_MASK,
	       dev->class, pci_class_name(dev->class),
	       dev->msix_cap ? " MSI-X" : "", dev->msi_cap ? " MSI" : "");
	pci_print_resources(dev, name);
}

/* Returns the header type, or -1 if nothing answers at bus:devfn. */
static int pci_scan_function(u8 bus, u8 devfn)
{
	u16 vendor = pci_bus_read_config_word(bus, devfn, PCI_VENDOR_ID);
	struct pci_dev *dev;

	if (vendor == 0xFFFF || vendor == 0)
		return -1;
	dev = kzalloc(sizeof(*dev));
	if (!dev) {
		printk(KERN_ERR "pci: out of memory at %02x:%02x\n", bus, devfn);
		return -1;
	}
	dev->bus = bus;
	dev->devfn = devfn;
	dev->vendor = vendor;
	dev->hdr_type = pci_bus_read_config_byte(bus, devfn, PCI_HEADER_TYPE);
	pci_setup_device(dev);
	list_add_tail(&dev->node, &pci_devices);
	pci_nr_devices++;
	pci_announce(dev);
	if ((dev->hdr_type & PCI_HEADER_TYPE_MASK) == PCI_HEADER_TYPE_BRIDGE &&
	    (dev->class >> 8) == PCI_CLASS_BRIDGE_PCI) {
		u8 sec = pci_read_config_byte(dev, PCI_SECONDARY_BUS);

		/* A bridge the firmware left unnumbered leads nowhere yet. */
		if (sec != 0)
			pci_scan_bus(sec);
	}
	return dev->hdr_type;
}

static void pci_scan_slot(u8 bus, u8 slot)
{
	int hdr = pci_scan_function(bus, PCI_DEVFN(slot, 0));

	if (hdr < 0 || !(hdr & PCI_HEADER_MULTIFUNC))
		return;
	for (u8 fn = 1; fn < 8; fn++)
		pci_scan_function(bus, PCI_DEVFN(slot, fn));
}

/* Each bus is scanned once, so a bridge that points back at a bus we
 * already walked cannot make us loop. */
static void pci_scan_bus(u8 bus)
{
	if (bus_seen[bus / 8] & (1u << (bus % 8)))
		return;
	bus_seen[bus / 8] |= (u8)(1u << (bus % 8));
	for (u8 slot = 0; slot < 32; slot++)
		pci_scan_slot(bus, slot);
}

int pci_init(void)
{
	u8 hdr;

	if (pci_scanned)
		return pci_nr_devices;
	pci_scanned = true;
	pci_scan_bus(0);
	/* A multi-function host bridge at 00:00.0 means one root bus per
	 * function (several host controllers). */
	hdr = pci_bus_read_config_byte(0, 0, PCI_HEADER_TYPE);
	if (hdr != 0xFF && (hdr & PCI_HEADER_MULTIFUNC))
		for (u8 fn = 1; fn < 8; fn++)
			if (pci_bus_read_config_word(0, PCI_DEVFN(0, fn),
						     PCI_VENDOR_ID) != 0xFFFF)
				pci_scan_bus(fn);
	printk(KERN_INFO "pci: %d functions found\n", pci_nr_devices);
	return pci_nr_devices;
}

struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from)
{
	struct list_head *pos = from ? from->node.next : pci_devices.next;

	for (; pos != &pci_devices; pos = pos->next) {
		struct pci_dev *dev = list_entry(pos, struct pci_dev, node);

		if ((vendor == PCI_ANY_ID || dev->vendor == vendor) &&
		    (device == PCI_ANY_ID || dev->device == device))
			return dev;
	}
	return NULL;
}
