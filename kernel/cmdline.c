/* Kernel option parsing: "key=value" and bare words separated by spaces. */
#include <kernel/kernel.h>
#include <kernel/cmdline.h>

static char cmdline[CMDLINE_MAX];

void cmdline_init(const char *boot_cmdline)
{
	char extra[CMDLINE_MAX / 2];
	long n;

	strlcpy(cmdline, boot_cmdline ? boot_cmdline : "", sizeof(cmdline));
	n = fw_cfg_read_file("opt/os/cmdline", extra, sizeof(extra) - 1);
	if (n >= (long)sizeof(extra)) {
		printk(KERN_WARNING "cmdline: fw_cfg opt/os/cmdline too long (%ld bytes), ignored\n", n);
		n = -1;
	}
	if (n > 0) {
		extra[n] = 0;
		if (strlen(cmdline) + 1 + strlen(extra) >= sizeof(cmdline)) {
			printk(KERN_WARNING "cmdline: combined options too long, fw_cfg part ignored\n");
			return;
		}
		strcat(cmdline, " ");
		strcat(cmdline, extra);
	}
	for (char *p = cmdline; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
}

const char *cmdline_full(void)
{
	return cmdline;
}

/* Value of the last "key=..." word. The copy lives in one of 8 rotating
 * static slots: callers use it at once or copy it. */
const char *cmdline_get(const char *key)
{
	static char vals[8][256];
	static int slot;
	size_t klen = strlen(key);
	const char *found = NULL;
	size_t flen = 0;
	char *out;

	for (const char *p = cmdline; *p;) {
		const char *w = p;
		size_t wlen;

		while (*p && *p != ' ')
			p++;
		wlen = p - w;
		while (*p == ' ')
			p++;
		if (wlen > klen && !strncmp(w, key, klen) && w[klen] == '=') {
			found = w + klen + 1;
			flen = wlen - klen - 1;
		}
	}
	if (!found)
		return NULL;
	if (flen >= sizeof(vals[0])) {
		printk(KERN_WARNING "cmdline: value of %s too long (%zu bytes), ignored\n",
		       key, flen);
		return NULL;
	}
	out = vals[slot++ & 7];
	memcpy(out, found, flen);
	out[flen] = 0;
	return out;
}

bool cmdline_has(const char *flag)
{
	size_t len = strlen(flag);

	for (const char *p = cmdline; *p;) {
		const char *w = p;

		while (*p && *p != ' ')
			p++;
		if ((size_t)(p - w) == len && !strncmp(w, flag, len))
			return true;
		while (*p == ' ')
			p++;
	}
	return false;
}

long cmdline_get_long(const char *key, long dflt)
{
	const char *v = cmdline_get(key);

	return v && *v ? simple_strtol(v, NULL, 0) : dflt;
}
