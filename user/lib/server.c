/* Accepting many clients (server.h). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include "server.h"

static int spare_fd = -1;

void server_prepare(void)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
		r.rlim_cur = r.rlim_max;
		setrlimit(RLIMIT_NOFILE, &r);
	}
	if (spare_fd < 0)
		spare_fd = open("/dev/null", O_RDONLY);
}

int server_accept(int lfd)
{
	int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);

	if (fd < 0 && (errno == EMFILE || errno == ENFILE) && spare_fd >= 0) {
		close(spare_fd);
		fd = accept(lfd, NULL, NULL);
		if (fd >= 0)
			close(fd);
		spare_fd = open("/dev/null", O_RDONLY);
		return -1;
	}
	return fd;
}
