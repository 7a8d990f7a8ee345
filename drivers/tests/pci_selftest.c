/* PCI self-test (test=pci): enumerate, bind drivers, check the
 * /proc/bus/pci/devices text and print it ("pcidev: " lines) so the QEMU
 * test can compare BARs with what QEMU is known to emulate. */
#include <kernel/kernel.h>
#include <kernel/selftest.h>
#include <kernel/cmdline.h>
#include <kernel/drivers.h>
#include <kernel/pci.h>
#include <net/netdevice.h>

static char pci_buf[4096];

static int count_char(const char *s, char c)
{
	int n = 0;

	for (; *s; s++)
		n += *s == c;
	return n;
}

/* Every line: 2 + 7 + 7 fields and the driver name, tab separated. */
static int pci_check_lines(char *text, int expect)
{
	int lines = 0;

	for (char *line = text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		ST_CHECK(nl, "unterminated line");
		*nl = '\0';
		ST_CHECK(count_char(line, '\t') == 17, "fields in '%s'", line);
		printk(KERN_INFO "pcidev: %s\n", line);
		lines++;
	}
	ST_CHECK(lines == expect, "%d lines for %d devices", lines, expect);
	return 0;
}

/* Stay idle a while so a test can compare with QEMU's view of the
 * devices while nothing is being probed. */
static void pci_hold(long ms)
{
	if (ms <= 0)
		return;
	printk(KERN_INFO "pci: holding %ld ms\n", ms);
	for (u64 end = ktime_get_ms() + (u64)ms; ktime_get_ms() < end; )
		__asm__ volatile("sti; hlt" ::: "memory");
}

static int pci_selftest(void)
{
	char small[8];
	size_t need, again;
	struct pci_dev *host;
	int n = 0;

	net_dev_init();
	open_softirq(NET_RX_SOFTIRQ, net_rx_action);
	drivers_init();
	for (struct pci_dev *d = NULL; (d = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, d)); )
		n++;
	ST_CHECK(n >= 3, "only %d functions", n);
	host = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, NULL);
	ST_CHECK(host->bus == 0 && host->devfn == 0 && (host->class >> 8) == 0x0600,
		 "first function is not the host bridge (class %#x)", host->class);
	need = pci_proc_devices(pci_buf, sizeof(pci_buf));
	ST_CHECK(need < sizeof(pci_buf) && need == strlen(pci_buf), "length %lu", need);
	/* A short buffer gets the same answer and a terminated prefix. */
	again = pci_proc_devices(small, sizeof(small));
	ST_CHECK(again == need && small[sizeof(small) - 1] == '\0' &&
		 !memcmp(small, pci_buf, sizeof(small) - 1), "truncation");
	ST_CHECK(pci_proc_devices(NULL, 0) == need, "size query");
	if (pci_check_lines(pci_buf, n))
		return -1;
	pci_hold(cmdline_get_long("pci_hold_ms", 0));
	return 0;
}
SELFTEST("pci", pci_selftest);
