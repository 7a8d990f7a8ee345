/* Kernel options: the multiboot2 command line followed by the QEMU fw_cfg
 * file opt/os/cmdline, so a test can change options without rebuilding the
 * ISO. Later words win: cmdline_get returns the last value of a key. */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <lib/types.h>

#define CMDLINE_MAX 1024

void cmdline_init(const char *boot_cmdline);
const char *cmdline_get(const char *key);       /* NULL if absent */
bool cmdline_has(const char *flag);             /* bare word present */
const char *cmdline_full(void);
long cmdline_get_long(const char *key, long dflt);

/* QEMU firmware configuration interface (kernel/fw_cfg.c). */
bool fw_cfg_present(void);
/* Read file `name` into buf; returns its size (may exceed size, then the
 * copy is truncated and the caller can tell) or -ENOENT. */
long fw_cfg_read_file(const char *name, void *buf, size_t size);

#endif
