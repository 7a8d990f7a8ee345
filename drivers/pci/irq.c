/* Legacy INTx interrupts: the firmware routed each pin to an 8259 line and
 * wrote it in the Interrupt Line register; SeaBIOS also set the line
 * level-triggered in the ELCR. Lines are shared, so every handler on a
 * line runs and each must check its own device (IRQ_NONE if idle). */
#include <kernel/kernel.h>
#include <kernel/pci.h>

void pci_intx(struct pci_dev *dev, bool enable)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);
	u16 want = enable ? cmd & ~PCI_COMMAND_INTX_DISABLE
			  : cmd | PCI_COMMAND_INTX_DISABLE;

	if (want != cmd)
		pci_write_config_word(dev, PCI_COMMAND, want);
}

int pci_request_intx(struct pci_dev *dev, irq_handler_t fn, const char *name,
		     void *data)
{
	int err;

	/* 0xFF means "not connected"; 0 and 2 are never device lines. */
	if (!dev->pin || dev->irq == 0 || dev->irq == 2 ||
	    dev->irq >= NR_LEGACY_IRQS)
		return -ENODEV;
	err = request_irq(dev->irq, fn, name, data);
	if (err)
		return err;
	pci_intx(dev, true);
	return 0;
}

void pci_free_intx(struct pci_dev *dev, void *data)
{
	pci_intx(dev, false);
	free_irq(dev->irq, data);
}
