/* host NAME [SERVER]: look a name up (getaddrinfo: hosts file, then DNS)
 * and print "NAME has address A.B.C.D" for each address, as bind's host
 * does. With SERVER, ask that DNS server (port 53, or ADDR#PORT) only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <arpa/inet.h>

int main(int argc, char **argv)
{
	struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_DGRAM,
				  .ai_flags = AI_CANONNAME };
	struct addrinfo *res, *ai;
	char conf[] = "/tmp/host-resolv-XXXXXX";
	int r;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: host NAME [SERVER]\n");
		return 2;
	}
	if (argc == 3) {
		int fd = mkstemp(conf);
		if (fd < 0) {
			perror("host: mkstemp");
			return 2;
		}
		dprintf(fd, "nameserver %s\n", argv[2]);
		close(fd);
		setenv("RESOLV_CONF", conf, 1);
		setenv("HOSTS_FILE", "/dev/null", 1);
		printf("Using domain server:\nName: %s\nAddress: %s\n\n", argv[2], argv[2]);
	}
	r = getaddrinfo(argv[1], NULL, &hints, &res);
	if (argc == 3)
		unlink(conf);
	if (r == EAI_NONAME) {
		printf("Host %s not found: 3(NXDOMAIN)\n", argv[1]);
		return 1;
	}
	if (r == EAI_NODATA) {
		printf("%s has no A record\n", argv[1]);
		return 1;
	}
	if (r) {
		printf(";; connection timed out; no servers could be reached\n");
		fprintf(stderr, "host: %s: %s\n", argv[1], gai_strerror(r));
		return 1;
	}
	if (res->ai_canonname && strcmp(res->ai_canonname, argv[1]))
		printf("%s is an alias for %s.\n", argv[1], res->ai_canonname);
	for (ai = res; ai; ai = ai->ai_next) {
		char a[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, a,
			  sizeof(a));
		printf("%s has address %s\n", res->ai_canonname ? res->ai_canonname
		       : argv[1], a);
	}
	freeaddrinfo(res);
	return 0;
}
