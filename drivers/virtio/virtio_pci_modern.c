/* The virtio 1.0 PCI transport (virtio v1.0, 4.1), as Linux's
 * drivers/virtio/virtio_pci_modern*.c.
 *
 * The device describes its register windows with vendor capabilities:
 * common configuration (features, status, queue set-up), notification
 * (where to write to kick a queue), ISR status (INTx cause, read-to-clear)
 * and the device-specific configuration (virtio-net: MAC, link status).
 * Each names a BAR, an offset and a length, all device-supplied, so each
 * is checked to lie inside its BAR before it is mapped.
 */
#include <kernel/kernel.h>
#include <kernel/mm.h>
#include <kernel/pci.h>
#include <drivers/io.h>
#include <drivers/virtio.h>
#include <drivers/virtio_ring.h>

#define VP_CONFIG_RETRIES 16

struct vp_window {
	u8 bar;
	u32 offset, length;
};

static int vp_read_cap(struct pci_dev *pci, u8 pos, struct vp_window *w)
{
	const struct pci_resource *r;

	w->bar = pci_read_config_byte(pci, pos + VIRTIO_PCI_CAP_BAR);
	w->offset = pci_read_config_dword(pci, pos + VIRTIO_PCI_CAP_OFFSET);
	w->length = pci_read_config_dword(pci, pos + VIRTIO_PCI_CAP_LENGTH);
	if (w->bar >= PCI_NUM_BARS)
		return -EINVAL;
	r = &pci->res[w->bar];
	if (!(r->flags & PCI_RES_MEM) || !r->start || !w->length ||
	    (u64)w->offset + w->length > r->size)
		return -EINVAL;
	return 0;
}

static volatile u8 *vp_map(struct pci_dev *pci, const struct vp_window *w,
			   u32 minlen)
{
	if (w->length < minlen)
		return NULL;
	return ioremap(pci->res[w->bar].start + w->offset, w->length);
}

/* 4.1.4.1: use the first capability of each type that we can. */
static u8 vp_find_cap(struct pci_dev *pci, u8 type, struct vp_window *w)
{
	for (u8 pos = pci_find_capability(pci, PCI_CAP_ID_VNDR); pos;
	     pos = pci_find_next_capability(pci, pos, PCI_CAP_ID_VNDR)) {
		if (pci_read_config_byte(pci, pos + VIRTIO_PCI_CAP_CFG_TYPE) != type)
			continue;
		if (vp_read_cap(pci, pos, w) == 0)
			return pos;
	}
	return 0;
}

int vp_modern_probe(struct virtio_pci_device *vp, struct pci_dev *pci)
{
	struct vp_window common, notify, isr, device;
	u8 npos;

	memset(vp, 0, sizeof(*vp));
	vp->pci = pci;
	if (!vp_find_cap(pci, VIRTIO_PCI_CAP_COMMON_CFG, &common) ||
	    !vp_find_cap(pci, VIRTIO_PCI_CAP_ISR_CFG, &isr) ||
	    !(npos = vp_find_cap(pci, VIRTIO_PCI_CAP_NOTIFY_CFG, &notify)))
		return -ENODEV;         /* a legacy-only device */
	vp->notify_off_multiplier =
		pci_read_config_dword(pci, npos + VIRTIO_PCI_NOTIFY_CAP_MULT);
	vp->common = (volatile struct virtio_pci_common_cfg *)
		vp_map(pci, &common, sizeof(struct virtio_pci_common_cfg));
	vp->isr = vp_map(pci, &isr, 1);
	vp->notify_base = vp_map(pci, &notify, 2);
	vp->notify_len = notify.length;
	if (vp_find_cap(pci, VIRTIO_PCI_CAP_DEVICE_CFG, &device)) {
		vp->device = vp_map(pci, &device, 1);
		vp->device_len = vp->device ? device.length : 0;
	}
	if (!vp->common || !vp->isr || !vp->notify_base)
		return -ENOMEM;
	return 0;
}

u8 vp_get_status(struct virtio_pci_device *vp)
{
	return readb(&vp->common->device_status);
}

void vp_add_status(struct virtio_pci_device *vp, u8 status)
{
	writeb(vp_get_status(vp) | status, &vp->common->device_status);
}

/* 4.1.4.3.2: writing 0 resets; the device is reset once it reads 0. */
void vp_reset(struct virtio_pci_device *vp)
{
	writeb(0, &vp->common->device_status);
	for (int i = 0; i < 100000 && vp_get_status(vp); i++)
		__asm__ volatile("pause");
}

u64 vp_get_features(struct virtio_pci_device *vp)
{
	u64 f;

	writel(0, &vp->common->device_feature_select);
	f = readl(&vp->common->device_feature);
	writel(1, &vp->common->device_feature_select);
	f |= (u64)readl(&vp->common->device_feature) << 32;
	return f;
}

int vp_finalize_features(struct virtio_pci_device *vp, u64 wanted)
{
	u64 f = vp_get_features(vp) & wanted;

	writel(0, &vp->common->driver_feature_select);
	writel((u32)f, &vp->common->driver_feature);
	writel(1, &vp->common->driver_feature_select);
	writel((u32)(f >> 32), &vp->common->driver_feature);
	vp_add_status(vp, VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(vp_get_status(vp) & VIRTIO_CONFIG_S_FEATURES_OK))
		return -ENODEV;
	vp->features = f;
	return 0;
}

u16 vp_num_queues(struct virtio_pci_device *vp)
{
	return readw(&vp->common->num_queues);
}

u8 vp_isr_read(struct virtio_pci_device *vp)
{
	return readb(vp->isr);
}

/* The device answers NO_VECTOR when it could not take the vector. */
int vp_set_config_vector(struct virtio_pci_device *vp, u16 msix_vec)
{
	writew(msix_vec, &vp->common->msix_config);
	return readw(&vp->common->msix_config) == msix_vec ? 0 : -EBUSY;
}

static void vp_notify(struct virtqueue *vq)
{
	writew(vq->index, vq->priv);
}

static u16 vp_queue_size(u16 max, u16 want)
{
	u16 n = 1;

	/* Split rings are powers of two; take the largest <= both. */
	while ((u32)n * 2 <= max && n * 2 <= want)
		n *= 2;
	return n;
}

struct virtqueue *vp_setup_vq(struct virtio_pci_device *vp, u16 index,
			      u16 max_num, u16 msix_vec)
{
	volatile struct virtio_pci_common_cfg *c = vp->common;
	struct virtqueue *vq;
	u16 size, off;
	u64 noff;

	if (index >= vp_num_queues(vp))
		return NULL;
	writew(index, &c->queue_select);
	size = readw(&c->queue_size);
	if (size == 0 || readw(&c->queue_enable))
		return NULL;
	size = vp_queue_size(size, max_num);
	off = readw(&c->queue_notify_off);
	noff = (u64)off * vp->notify_off_multiplier;
	if (noff + 2 > vp->notify_len)
		return NULL;
	vq = vring_create_virtqueue(index, size, vp_notify,
				    (void *)(vp->notify_base + noff));
	if (!vq)
		return NULL;
	writew(size, &c->queue_size);
	writeq_lo_hi(vring_desc_pa(vq), &c->queue_desc);
	writeq_lo_hi(vring_avail_pa(vq), &c->queue_driver);
	writeq_lo_hi(vring_used_pa(vq), &c->queue_device);
	if (msix_vec != VIRTIO_MSI_NO_VECTOR) {
		writew(msix_vec, &c->queue_msix_vector);
		if (readw(&c->queue_msix_vector) != msix_vec)
			goto free_vq;
	}
	writew(1, &c->queue_enable);
	return vq;

free_vq:
	vring_del_virtqueue(vq);
	return NULL;
}

/* Only after a device reset: the device no longer touches the rings. */
void vp_del_vq(struct virtio_pci_device *vp, struct virtqueue *vq)
{
	vring_del_virtqueue(vq);
}

void vp_config_read(struct virtio_pci_device *vp, u32 off, void *buf, u32 len)
{
	u8 *out = buf;
	u8 gen;

	if (!vp->device || off + len > vp->device_len || off + len < off) {
		memset(buf, 0, len);
		return;
	}
	/* 4.1.4.3.1: a multi-byte read is consistent only if the generation
	 * did not change around it. Bounded: a device that keeps changing it
	 * gets the last read rather than a hung CPU (this runs in IRQs). */
	for (int tries = 0; tries < VP_CONFIG_RETRIES; tries++) {
		gen = readb(&vp->common->config_generation);
		for (u32 i = 0; i < len; i++)
			out[i] = readb(vp->device + off + i);
		if (gen == readb(&vp->common->config_generation))
			break;
	}
}
