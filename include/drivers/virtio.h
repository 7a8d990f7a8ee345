/* Virtio 1.0 (OASIS virtio v1.0, cs04): device status, feature bits and
 * the modern PCI transport (section 4.1). Fields the spec marks le16/le32
 * are little-endian, which is the CPU's order here, so they are plain
 * integers; VIRTIO_F_VERSION_1 is what makes them so (legacy devices used
 * guest order). */
#ifndef DRIVERS_VIRTIO_H
#define DRIVERS_VIRTIO_H

#include <lib/types.h>
#include <lib/compiler.h>
#include <kernel/pci.h>

/* Device status (2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE 1
#define VIRTIO_CONFIG_S_DRIVER      2
#define VIRTIO_CONFIG_S_DRIVER_OK   4
#define VIRTIO_CONFIG_S_FEATURES_OK 8
#define VIRTIO_CONFIG_S_NEEDS_RESET 0x40
#define VIRTIO_CONFIG_S_FAILED      0x80

/* Device-independent feature bits (6). */
#define VIRTIO_F_INDIRECT_DESC  28
#define VIRTIO_F_EVENT_IDX      29
#define VIRTIO_F_VERSION_1      32
#define VIRTIO_F_ACCESS_PLATFORM 33

#define VIRTIO_PCI_VENDOR_ID 0x1af4
/* Transitional ids 0x1000-0x103f; modern-only 0x1040 + device type. */
#define VIRTIO_ID_NET 1

/* PCI vendor capability (4.1.4). */
#define VIRTIO_PCI_CAP_COMMON_CFG 1
#define VIRTIO_PCI_CAP_NOTIFY_CFG 2
#define VIRTIO_PCI_CAP_ISR_CFG    3
#define VIRTIO_PCI_CAP_DEVICE_CFG 4
#define VIRTIO_PCI_CAP_PCI_CFG    5

#define VIRTIO_PCI_CAP_CFG_TYPE 3       /* offsets within the capability */
#define VIRTIO_PCI_CAP_BAR      4
#define VIRTIO_PCI_CAP_OFFSET   8
#define VIRTIO_PCI_CAP_LENGTH   12
#define VIRTIO_PCI_NOTIFY_CAP_MULT 16

/* ISR status bits (4.1.4.5). Reading the register clears it. */
#define VIRTIO_PCI_ISR_QUEUE  0x1
#define VIRTIO_PCI_ISR_CONFIG 0x2

#define VIRTIO_MSI_NO_VECTOR 0xffff

/* Common configuration structure (4.1.4.3). */
struct virtio_pci_common_cfg {
	u32 device_feature_select;
	u32 device_feature;
	u32 driver_feature_select;
	u32 driver_feature;
	u16 msix_config;
	u16 num_queues;
	u8 device_status;
	u8 config_generation;
	u16 queue_select;
	u16 queue_size;
	u16 queue_msix_vector;
	u16 queue_enable;
	u16 queue_notify_off;
	u64 queue_desc;
	u64 queue_driver;               /* the avail ring */
	u64 queue_device;               /* the used ring */
} __packed;
_Static_assert(sizeof(struct virtio_pci_common_cfg) == 56, "common cfg layout");

struct virtqueue;

/* One device on the modern PCI transport: the four register windows the
 * capabilities point at, each mapped and bounds-checked. */
struct virtio_pci_device {
	struct pci_dev *pci;
	volatile struct virtio_pci_common_cfg *common;
	volatile u8 *notify_base;
	u64 notify_len;
	u32 notify_off_multiplier;
	volatile u8 *isr;
	volatile u8 *device;            /* device-specific configuration */
	u32 device_len;
	u64 features;                   /* negotiated */
};

/* drivers/virtio/virtio_pci_modern.c */
int vp_modern_probe(struct virtio_pci_device *vp, struct pci_dev *pci);
void vp_reset(struct virtio_pci_device *vp);
u8 vp_get_status(struct virtio_pci_device *vp);
void vp_add_status(struct virtio_pci_device *vp, u8 status);
u64 vp_get_features(struct virtio_pci_device *vp);
/* Offer wanted & device features, set FEATURES_OK and check the device
 * kept it (3.1.1 steps 4-6). Returns 0 or -ENODEV. */
int vp_finalize_features(struct virtio_pci_device *vp, u64 wanted);
static inline bool vp_has_feature(const struct virtio_pci_device *vp, unsigned bit)
{
	return vp->features & (1ULL << bit);
}
u16 vp_num_queues(struct virtio_pci_device *vp);
/* Create queue index (size at most max_num), give it to the device with
 * the MSI-X entry msix_vec (VIRTIO_MSI_NO_VECTOR for INTx). */
struct virtqueue *vp_setup_vq(struct virtio_pci_device *vp, u16 index,
			      u16 max_num, u16 msix_vec);
int vp_set_config_vector(struct virtio_pci_device *vp, u16 msix_vec);
void vp_del_vq(struct virtio_pci_device *vp, struct virtqueue *vq);
u8 vp_isr_read(struct virtio_pci_device *vp);   /* read-to-clear */
/* Device config reads, retried until config_generation is stable. */
void vp_config_read(struct virtio_pci_device *vp, u32 off, void *buf, u32 len);

#endif
