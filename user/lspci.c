/* lspci [-n]: PCI devices from /proc/bus/pci/devices (Linux format: per
 * line "BBDF<TAB>VVVVDDDD<TAB>IRQ<TAB>7 BARs<TAB>7 sizes[<TAB>driver]",
 * hex). The class comes from config space (/proc/bus/pci/BB/DD.F, bytes
 * 8-11) when that file exists. Output like lspci:
 *   00:03.0 Ethernet controller: Intel Corporation 82540EM Gigabit ... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

static const struct { unsigned id; const char *name; } devices[] = {
	{ 0x8086100e, "Intel Corporation 82540EM Gigabit Ethernet Controller" },
	{ 0x808610d3, "Intel Corporation 82574L Gigabit Network Connection" },
	{ 0x80861237, "Intel Corporation 440FX - 82441FX PMC [Natoma]" },
	{ 0x80867000, "Intel Corporation 82371SB PIIX3 ISA [Natoma/Triton II]" },
	{ 0x80867010, "Intel Corporation 82371SB PIIX3 IDE [Natoma/Triton II]" },
	{ 0x80867113, "Intel Corporation 82371AB/EB/MB PIIX4 ACPI" },
	{ 0x808629c0, "Intel Corporation 82G33/G31/P35/P31 Express DRAM Controller" },
	{ 0x12341111, "Device 1234:1111" },
	{ 0x1af41000, "Red Hat, Inc. Virtio network device" },
	{ 0x1af41041, "Red Hat, Inc. Virtio 1.0 network device" },
	{ 0x1af41001, "Red Hat, Inc. Virtio block device" },
};

static const struct { unsigned cls; const char *name; } classes[] = {
	{ 0x0100, "SCSI storage controller" }, { 0x0101, "IDE interface" },
	{ 0x0106, "SATA controller" }, { 0x0200, "Ethernet controller" },
	{ 0x0300, "VGA compatible controller" }, { 0x0600, "Host bridge" },
	{ 0x0601, "ISA bridge" }, { 0x0680, "Bridge" },
	{ 0x0c03, "USB controller" }, { 0x0780, "Communication controller" },
	{ 0x00ff, "Unclassified device" },
};

static int read_class(unsigned bus, unsigned devfn, unsigned *cls, unsigned *rev)
{
	char path[64];
	unsigned char cfg[12];
	int fd;

	snprintf(path, sizeof(path), "/proc/bus/pci/%02x/%02x.%x", bus, devfn >> 3,
		 devfn & 7);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (read(fd, cfg, sizeof(cfg)) != sizeof(cfg)) {
		close(fd);
		return -1;
	}
	close(fd);
	*rev = cfg[8];
	*cls = cfg[11] << 8 | cfg[10];
	return 0;
}

int main(int argc, char **argv)
{
	FILE *f = fopen("/proc/bus/pci/devices", "r");
	int numeric = argc > 1 && !strcmp(argv[1], "-n");
	char line[512];

	if (!f) {
		perror("lspci: /proc/bus/pci/devices");
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		unsigned bdf, id, cls = 0, rev = 0;
		if (sscanf(line, "%x %x", &bdf, &id) != 2)
			continue;
		unsigned bus = bdf >> 8, devfn = bdf & 0xff;
		int have_cls = read_class(bus, devfn, &cls, &rev) == 0;
		printf("%02x:%02x.%x ", bus, devfn >> 3, devfn & 7);
		if (numeric) {
			if (have_cls)
				printf("%04x: ", cls);
			printf("%04x:%04x", id >> 16, id & 0xffff);
		} else {
			const char *cn = "Device", *dn = NULL;
			for (size_t i = 0; have_cls && i < sizeof(classes) / sizeof(classes[0]); i++)
				if (classes[i].cls == cls)
					cn = classes[i].name;
			for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
				if (devices[i].id == id)
					dn = devices[i].name;
			if (have_cls && !strcmp(cn, "Device"))
				printf("Class %04x: ", cls);
			else
				printf("%s: ", cn);
			if (dn)
				printf("%s", dn);
			else
				printf("Device %04x:%04x", id >> 16, id & 0xffff);
		}
		if (have_cls && rev)
			printf(" (rev %02x)", rev);
		putchar('\n');
	}
	fclose(f);
	return 0;
}
