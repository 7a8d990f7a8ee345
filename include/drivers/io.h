/* MMIO accessors and the memory barriers drivers need around DMA.
 *
 * Device registers are mapped uncached (ioremap), so a volatile access is
 * one bus transaction in program order. DMA rings live in ordinary
 * write-back RAM shared with the device: on x86 stores are not reordered
 * with stores nor loads with loads, so the "publish" and "consume"
 * barriers only have to stop the compiler (as Linux's dma_wmb/dma_rmb on
 * x86). A store followed by a load of another location can be reordered,
 * hence mb() is a real fence (needed when re-enabling interrupts and then
 * re-checking the ring).
 */
#ifndef DRIVERS_IO_H
#define DRIVERS_IO_H

#include <lib/types.h>
#include <lib/compiler.h>

static inline u8 readb(const volatile void *a) { return *(const volatile u8 *)a; }
static inline u16 readw(const volatile void *a) { return *(const volatile u16 *)a; }
static inline u32 readl(const volatile void *a) { return *(const volatile u32 *)a; }
static inline void writeb(u8 v, volatile void *a) { *(volatile u8 *)a = v; }
static inline void writew(u16 v, volatile void *a) { *(volatile u16 *)a = v; }
static inline void writel(u32 v, volatile void *a) { *(volatile u32 *)a = v; }

/* 64-bit registers written as two halves, low first (virtio 1.0 4.1.3.1
 * allows drivers to split 64-bit fields this way). */
static inline void writeq_lo_hi(u64 v, volatile void *a)
{
	writel((u32)v, a);
	writel((u32)(v >> 32), (volatile u8 *)a + 4);
}

#define dma_wmb() barrier()
#define dma_rmb() barrier()
#define mb()      __asm__ __volatile__("mfence" ::: "memory")

#endif
