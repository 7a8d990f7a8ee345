/* Human names for PCI class codes, for the boot lines (the words lspci
 * prints, from the PCI Code and ID Assignment Specification). */
#include <kernel/kernel.h>
#include <kernel/pci.h>

struct pci_class_name {
	u16 code;               /* class << 8 | subclass */
	const char *name;
};

static const struct pci_class_name pci_subclass_names[] = {
	{ 0x0100, "SCSI storage controller" },
	{ 0x0101, "IDE interface" },
	{ 0x0106, "SATA controller" },
	{ 0x0108, "Non-Volatile memory controller" },
	{ 0x0200, "Ethernet controller" },
	{ 0x0300, "VGA compatible controller" },
	{ 0x0403, "Audio device" },
	{ 0x0600, "Host bridge" },
	{ 0x0601, "ISA bridge" },
	{ 0x0604, "PCI bridge" },
	{ 0x0680, "Bridge" },
	{ 0x0780, "Communication controller" },
	{ 0x0880, "System peripheral" },
	{ 0x0c03, "USB controller" },
	{ 0x0c05, "SMBus" },
	{ 0x00ff, "Unclassified device" },
};

static const char *const pci_base_class_names[] = {
	[0x00] = "Unclassified device",
	[0x01] = "Mass storage controller",
	[0x02] = "Network controller",
	[0x03] = "Display controller",
	[0x04] = "Multimedia controller",
	[0x05] = "Memory controller",
	[0x06] = "Bridge",
	[0x07] = "Communication controller",
	[0x08] = "Generic system peripheral",
	[0x09] = "Input device controller",
	[0x0c] = "Serial bus controller",
};

const char *pci_class_name(u32 class)
{
	u16 code = (u16)(class >> 8);
	u8 base = (u8)(class >> 16);

	for (size_t i = 0; i < ARRAY_SIZE(pci_subclass_names); i++)
		if (pci_subclass_names[i].code == code)
			return pci_subclass_names[i].name;
	if (base < ARRAY_SIZE(pci_base_class_names) && pci_base_class_names[base])
		return pci_base_class_names[base];
	return "Unknown class";
}
