/* uptime: from /proc/uptime ("SECONDS.FF IDLE.FF"), printed as
 * " HH:MM:SS up D days, H:MM" (no load average: we have none). */
#include <stdio.h>
#include <time.h>

int main(void)
{
	FILE *f = fopen("/proc/uptime", "r");
	unsigned long secs, frac;
	time_t now = time(NULL);
	struct tm tm;

	if (!f || fscanf(f, "%lu.%lu", &secs, &frac) != 2) {
		perror("uptime: /proc/uptime");
		return 1;
	}
	fclose(f);
	gmtime_r(&now, &tm);
	printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (secs >= 86400)
		printf("%lu day%s, ", secs / 86400, secs / 86400 == 1 ? "" : "s");
	if (secs % 86400 < 3600)
		printf("%lu min\n", secs % 3600 / 60);
	else
		printf("%2lu:%02lu\n", secs % 86400 / 3600, secs % 3600 / 60);
	return 0;
}
