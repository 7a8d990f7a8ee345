/* Control messages for recvmsg (Linux net/core/scm.c put_cmsg): each is
 * a struct cmsghdr (the user ABI: size_t length, int level, int type)
 * followed by its data, padded to 8 bytes. The protocol writes them into
 * a kernel buffer that sys_recvmsg copies out with the data. */
#include <net/sock.h>

struct kcmsghdr {
	u64 cmsg_len;
	int cmsg_level;
	int cmsg_type;
};

#define KCMSG_ALIGN(len) (((len) + 7u) & ~7u)

void put_cmsg(struct msghdr *msg, int level, int type, unsigned int len,
	      const void *data)
{
	size_t room = msg->msg_controllen - msg->msg_control_used;
	size_t want = sizeof(struct kcmsghdr) + len;
	struct kcmsghdr h;
	u8 *p;

	if (!msg->msg_control)
		return;
	if (room < sizeof(h)) {
		msg->msg_flags |= MSG_CTRUNC;
		return;
	}
	if (want > room) {              /* as much as fits (Linux) */
		msg->msg_flags |= MSG_CTRUNC;
		want = room;
	}
	h.cmsg_len = want;
	h.cmsg_level = level;
	h.cmsg_type = type;
	p = msg->msg_control + msg->msg_control_used;
	memcpy(p, &h, sizeof(h));
	memcpy(p + sizeof(h), data, want - sizeof(h));
	msg->msg_control_used += MIN(KCMSG_ALIGN(want), room);
}
