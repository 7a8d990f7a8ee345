/* Calendar time. There are no time zones here: local time is UTC. The
 * date arithmetic counts days from 1970-01-01 with the proleptic
 * Gregorian leap rules. */
#include <time.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static const int mdays[2][12] = {
	{ 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
	{ 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 },
};

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long days = *t / 86400, secs = *t % 86400, y = 1970;
	int m = 0;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)((4 + days % 7 + 7) % 7);    /* 1970-01-01: Thu */
	while (days < 0) {
		y--;
		days += 365 + is_leap(y);
	}
	while (days >= 365 + is_leap(y)) {
		days -= 365 + is_leap(y);
		y++;
	}
	tm->tm_yday = (int)days;
	while (days >= mdays[is_leap(y)][m])
		days -= mdays[is_leap(y)][m++];
	tm->tm_mon = m;
	tm->tm_mday = (int)days + 1;
	tm->tm_year = (int)(y - 1900);
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
	return gmtime(t);
}

time_t timegm(struct tm *tm)
{
	long y = tm->tm_year + 1900L, days = 0;
	int m = tm->tm_mon;
	time_t t;

	y += m / 12;
	m %= 12;
	if (m < 0) {
		m += 12;
		y--;
	}
	for (long i = 1970; i < y; i++)
		days += 365 + is_leap(i);
	for (long i = y; i < 1970; i++)
		days -= 365 + is_leap(i);
	for (int i = 0; i < m; i++)
		days += mdays[is_leap(y)][i];
	days += tm->tm_mday - 1;
	t = days * 86400 + tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
	gmtime_r(&t, tm);
	return t;
}

time_t mktime(struct tm *tm)
{
	return timegm(tm);
}

static const char *const wday_name[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};
static const char *const mon_name[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* strftime subset: %a %b %d %e %H %M %S %Y %m %y %j %Z %T %D %F %s %%. */
size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm)
{
	size_t n = 0;
	char tmp[64];

	for (; *fmt; fmt++) {
		const char *add = tmp;
		if (*fmt != '%') {
			tmp[0] = *fmt;
			tmp[1] = 0;
		} else {
			switch (*++fmt) {
			case 'a': add = wday_name[tm->tm_wday % 7]; break;
			case 'b': case 'h': add = mon_name[tm->tm_mon % 12]; break;
			case 'd': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_mday); break;
			case 'e': snprintf(tmp, sizeof(tmp), "%2d", tm->tm_mday); break;
			case 'H': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_hour); break;
			case 'M': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_min); break;
			case 'S': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_sec); break;
			case 'm': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_mon + 1); break;
			case 'y': snprintf(tmp, sizeof(tmp), "%02d", tm->tm_year % 100); break;
			case 'Y': snprintf(tmp, sizeof(tmp), "%d", tm->tm_year + 1900); break;
			case 'j': snprintf(tmp, sizeof(tmp), "%03d", tm->tm_yday + 1); break;
			case 'Z': add = "UTC"; break;
			case 'T': snprintf(tmp, sizeof(tmp), "%02d:%02d:%02d",
					   tm->tm_hour, tm->tm_min, tm->tm_sec); break;
			case 'D': snprintf(tmp, sizeof(tmp), "%02d/%02d/%02d",
					   tm->tm_mon + 1, tm->tm_mday,
					   tm->tm_year % 100); break;
			case 'F': snprintf(tmp, sizeof(tmp), "%d-%02d-%02d",
					   tm->tm_year + 1900, tm->tm_mon + 1,
					   tm->tm_mday); break;
			case 's': {
				struct tm c = *tm;
				snprintf(tmp, sizeof(tmp), "%ld", (long)timegm(&c));
				break;
			}
			case '%': add = "%"; break;
			default: return 0;
			}
		}
		size_t l = strlen(add);
		if (n + l >= max)
			return 0;
		memcpy(s + n, add, l);
		n += l;
	}
	if (n >= max)
		return 0;
	s[n] = 0;
	return n;
}

/* asctime(3): "Thu Jan  1 00:00:00 1970\n", C's fixed layout (26 bytes
 * with the NUL); NULL (EOVERFLOW) for a year that does not fit. */
char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	if (tm->tm_year + 1900 > 9999 || tm->tm_year + 1900 < 0 ||
	    (unsigned)tm->tm_wday > 6 || (unsigned)tm->tm_mon > 11) {
		errno = EOVERFLOW;
		return NULL;
	}
	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n",
		 wday_name[tm->tm_wday], mon_name[tm->tm_mon], tm->tm_mday,
		 tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900);
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[26];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	struct tm tm;

	return localtime_r(t, &tm) ? asctime(&tm) : NULL;
}
