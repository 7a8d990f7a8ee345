/* Fault injection on real network devices, after Linux's sch_netem: drop,
 * duplicate, or delay (and so reorder) frames in either direction, to test
 * protocols and peers against a bad network. Off unless configured, e.g.
 * with the kernel option netem=loss:2,dup:1,reorder:10,delay:30,dir:both
 * (percentages with up to three decimals, delay in ms). */
#ifndef NET_NETEM_H
#define NET_NETEM_H

#include <net/pkbuf.h>

struct net_device;

int netem_configure(const char *spec);          /* 0 or -EINVAL */
/* Each returns true if it took the frame (dropped or held back); a
 * duplicate is sent or received right away through the core path. */
bool netem_egress(struct pkbuf *pkb);
bool netem_ingress(struct net_device *dev, struct pkbuf *pkb);
ssize_t net_proc_netem_show(char *buf, size_t size);

/* The device paths below netem (net/core/dev.c). */
int __dev_xmit(struct pkbuf *pkb);
int __netif_receive(struct net_device *dev, struct pkbuf *pkb);

#endif
