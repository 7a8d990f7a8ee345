/* Service readiness protocol with init (see docs/userspace.md).
 * init starts each service with NOTIFY_FD=<n> in its environment, n being
 * the write end of a pipe; the service calls svc_notify_ready() once it is
 * ready to serve (listening), which writes "READY\n" to that fd and closes
 * it. Outside init (no NOTIFY_FD) it does nothing. */
#ifndef _SVC_H
#define _SVC_H
void svc_notify_ready(void);
#endif
