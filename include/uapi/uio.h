/* Scatter/gather vectors for readv/writev/sendmsg/recvmsg. */
#ifndef UAPI_UIO_H
#define UAPI_UIO_H

struct iovec {
	void *iov_base;
	unsigned long iov_len;
};

#define UIO_MAXIOV 1024

#endif
