/* touch file...: create files that do not exist. (Times are not set:
 * the kernel has no utimensat.) */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int rc = 0;

	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_WRONLY | O_CREAT, 0644);
		if (fd < 0) {
			fprintf(stderr, "touch: cannot touch '%s': %s\n", argv[i],
				strerror(errno));
			rc = 1;
			continue;
		}
		close(fd);
	}
	return rc;
}
