/* Helpers for the demo servers (tcpsvc, httpd) that serve many clients
 * from one epoll loop. */
#ifndef USER_LIB_SERVER_H
#define USER_LIB_SERVER_H

/* Take the hard fd limit (one fd per client; the default soft limit is
 * 1024) and keep a spare fd for server_accept. Call once at start. */
void server_prepare(void);

/* accept4(SOCK_NONBLOCK) on lfd: the new fd, or -1. Out of fds
 * (EMFILE/ENFILE) the client is accepted on the spare fd and closed
 * at once, so a listener that stays readable is not spun on. */
int server_accept(int lfd);

#endif
