/* DNS messages (RFC 1035 section 4): building an A query and parsing the
 * response. Every read is bounds-checked against the message length; a
 * compressed name may jump only backwards and at most 64 times, so a
 * malicious pointer loop ends in a parse error, not a hang. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include "netdb_impl.h"

#define DNS_HDR      12
#define T_A          1
#define T_CNAME      5
#define C_IN         1
#define RCODE_NXDOMAIN 3

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = (unsigned char)(v >> 8);
	p[1] = (unsigned char)v;
}

static uint16_t get16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* RFC 1035 3.1: a name is a sequence of length-prefixed labels (1-63
 * bytes) ending with the root's zero length; at most 255 bytes. */
int __dns_build_query(uint16_t id, const char *name, unsigned char *buf,
		      size_t cap)
{
	size_t n = DNS_HDR, nl = strlen(name);

	if (nl && name[nl - 1] == '.')
		nl--;
	if (nl == 0 || nl > 253 || cap < DNS_HDR + nl + 2 + 4)
		return -1;
	memset(buf, 0, DNS_HDR);
	put16(buf, id);
	buf[2] = 0x01;                  /* RD: recursion desired */
	put16(buf + 4, 1);              /* QDCOUNT */
	for (size_t i = 0; i < nl;) {
		size_t l = strcspn(name + i, ".");
		if (i + l > nl)
			l = nl - i;
		if (l == 0 || l > 63)
			return -1;
		buf[n++] = (unsigned char)l;
		memcpy(buf + n, name + i, l);
		n += l;
		i += l + 1;
	}
	buf[n++] = 0;
	put16(buf + n, T_A);
	put16(buf + n + 2, C_IN);
	return (int)(n + 4);
}

/* Expand the name at *off into out (dotted, no trailing dot); advances
 * *off past the name as it appears in place. Returns 0 or -1. */
static int read_name(const unsigned char *msg, size_t len, size_t *off,
		     char *out, size_t cap)
{
	size_t p = *off, o = 0, end = 0;
	int jumps = 0;

	for (;;) {
		if (p >= len)
			return -1;
		unsigned c = msg[p];
		if ((c & 0xc0) == 0xc0) {
			if (p + 1 >= len || ++jumps > 64)
				return -1;
			size_t target = (c & 0x3f) << 8 | msg[p + 1];
			if (!end)
				end = p + 2;
			if (target >= p)
				return -1;      /* only backward pointers */
			p = target;
			continue;
		}
		if (c & 0xc0)
			return -1;          /* 0x40/0x80: reserved label types */
		if (c == 0) {
			p++;
			break;
		}
		if (p + 1 + c > len || o + c + 2 > cap)
			return -1;
		if (o)
			out[o++] = '.';
		memcpy(out + o, msg + p + 1, c);
		o += c;
		p += 1 + c;
	}
	out[o] = 0;
	*off = end ? end : p;
	return 0;
}

static int same_name(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la && a[la - 1] == '.')
		la--;
	if (lb && b[lb - 1] == '.')
		lb--;
	return la == lb && !strncasecmp(a, b, la);
}

int __dns_parse_response(uint16_t id, const char *name,
			 const unsigned char *msg, size_t len,
			 struct res_answer *ans)
{
	char owner[256], want[256], qname[256];
	size_t off = DNS_HDR;
	unsigned qd, an;

	if (len < DNS_HDR || get16(msg) != id || !(msg[2] & 0x80))
		return EAI_FAIL;
	if ((msg[2] >> 3 & 0xf) != 0)
		return EAI_FAIL;            /* not a standard query */
	if ((msg[3] & 0xf) == RCODE_NXDOMAIN)
		return EAI_NONAME;
	if ((msg[3] & 0xf) != 0)
		return EAI_AGAIN;           /* SERVFAIL, REFUSED... */
	qd = get16(msg + 4);
	an = get16(msg + 6);
	if (qd != 1)
		return EAI_FAIL;
	if (read_name(msg, len, &off, qname, sizeof(qname)) < 0 ||
	    off + 4 > len || !same_name(qname, name) ||
	    get16(msg + off) != T_A || get16(msg + off + 2) != C_IN)
		return EAI_FAIL;            /* not the answer to our question */
	off += 4;
	snprintf(want, sizeof(want), "%s", name);
	ans->naddr = 0;
	snprintf(ans->canon, sizeof(ans->canon), "%s", name);
	/* Walk the answers; follow CNAMEs in order (RFC 1034 3.6.2). */
	for (unsigned i = 0; i < an; i++) {
		uint16_t type, class, rdlen;
		if (read_name(msg, len, &off, owner, sizeof(owner)) < 0 ||
		    off + 10 > len)
			return EAI_FAIL;
		type = get16(msg + off);
		class = get16(msg + off + 2);
		rdlen = get16(msg + off + 8);
		off += 10;
		if (off + rdlen > len)
			return EAI_FAIL;
		if (class == C_IN && same_name(owner, want)) {
			if (type == T_A && rdlen == 4 &&
			    ans->naddr < RES_MAXADDR) {
				memcpy(&ans->addr[ans->naddr++], msg + off, 4);
			} else if (type == T_CNAME) {
				size_t p = off;
				if (read_name(msg, len, &p, want,
					      sizeof(want)) < 0)
					return EAI_FAIL;
				snprintf(ans->canon, sizeof(ans->canon), "%s",
					 want);
			}
		}
		off += rdlen;
	}
	return ans->naddr ? 0 : EAI_NODATA;
}
