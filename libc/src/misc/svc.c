/* Service readiness (see <svc.h>): write "READY\n" to $NOTIFY_FD once. */
#include <svc.h>
#include <stdlib.h>
#include <unistd.h>

void svc_notify_ready(void)
{
	const char *s = getenv("NOTIFY_FD");
	char *end;
	long fd;

	if (!s || !*s)
		return;
	fd = strtol(s, &end, 10);
	if (*end || fd < 0 || fd > 65535)
		return;
	write((int)fd, "READY\n", 6);
	close((int)fd);
	unsetenv("NOTIFY_FD");          /* children must not notify again */
}
