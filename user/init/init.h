/* init: pid 1. Starts the services of /etc/init.conf, waits for each to
 * report readiness, prints "init: services ready" (or "init: services
 * failed: NAMES" after the timeout), then keeps a shell running on the
 * console, restarts crashed services with exponential backoff and reaps
 * orphans.
 *
 *   conf.c     parse init.conf
 *   service.c  start, readiness pipe, restart backoff
 *   main.c     console setup, the event loop, the shell
 */
#ifndef INIT_H
#define INIT_H

#include <sys/types.h>

#define MAX_SERVICES 16
#define MAX_ARGS     16

struct service {
	char name[32];
	char *argv[MAX_ARGS + 1];
	pid_t pid;             /* 0 when not running */
	int notify_fd;         /* read end of the readiness pipe, or -1 */
	int ready;             /* has reported READY at least once */
	char rbuf[16];
	int rlen;
	long started_ms;
	long restart_at_ms;    /* 0: no restart pending */
	int backoff_ms;
	int restarts;
};

struct init_conf {
	struct service svc[MAX_SERVICES];
	int nsvc;
	char *shell_argv[MAX_ARGS + 1];
};

int conf_load(const char *path, struct init_conf *c);
int service_start(struct service *s);
void service_read_notify(struct service *s);
void service_exited(struct service *s, int status, long now);
long now_ms(void);
void init_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
