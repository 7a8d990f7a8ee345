/* kmalloc/kfree and object caches. The prototypes shared with net/ live in
 * <net/port.h>; these are the kernel-only extras. */
#ifndef KERNEL_SLAB_H
#define KERNEL_SLAB_H

#include <net/port.h>

void kmem_init(void);
void kmem_reclaim(void);
size_t ksize(const void *p);
size_t kmem_stats(char *buf, size_t size);

#endif
