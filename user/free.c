/* free [-k|-m]: memory usage from /proc/meminfo ("Key:   N kB" lines),
 * laid out like procps free. */
#include <stdio.h>
#include <string.h>

static unsigned long field(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);
	unsigned long v = 0;

	if (p)
		sscanf(p + strlen(key), " %lu", &v);
	return v;
}

int main(int argc, char **argv)
{
	char buf[4096];
	FILE *f = fopen("/proc/meminfo", "r");
	size_t n;
	int shift = argc > 1 && !strcmp(argv[1], "-m") ? 10 : 0;

	if (!f) {
		perror("free: /proc/meminfo");
		return 1;
	}
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	unsigned long total = field(buf, "MemTotal:"), mfree = field(buf, "MemFree:");
	unsigned long avail = field(buf, "MemAvailable:");
	unsigned long buffers = field(buf, "Buffers:"), cached = field(buf, "Cached:");
	unsigned long shared = field(buf, "Shmem:");
	unsigned long swt = field(buf, "SwapTotal:"), swf = field(buf, "SwapFree:");
	unsigned long bc = buffers + cached, used = total - mfree - bc;

	if (!avail)
		avail = mfree + bc;
	if (mfree + bc > total)
		used = total - mfree;
	printf("%15s%12s%12s%12s%12s%12s\n", "total", "used", "free",
	       "shared", "buff/cache", "available");
	printf("Mem:   %12lu%12lu%12lu%12lu%12lu%12lu\n", total >> shift,
	       used >> shift, mfree >> shift, shared >> shift, bc >> shift,
	       avail >> shift);
	printf("Swap:  %12lu%12lu%12lu\n", swt >> shift, (swt - swf) >> shift,
	       swf >> shift);
	return 0;
}
