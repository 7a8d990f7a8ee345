/* Storage and printable names of the protocol counters (include/net/snmp.h).
 * One CPU: plain u64s; SMP would make these per-CPU and sum on read. */
#include <net/snmp.h>

u64 ip_mib[IPSTATS_MIB_MAX];
u64 ip_ext_mib[IPEXT_MAX];
u64 icmp_mib[ICMP_MIB_MAX];
u64 icmp_ext_mib[ICMPEXT_MAX];
u64 icmpmsg_in[256], icmpmsg_out[256];
u64 udp_mib[UDP_MIB_MAX];
u64 udp_ext_mib[UDPEXT_MAX];
u64 arp_mib[ARP_MIB_MAX];
u64 tcp_mib[TCP_MIB_MAX];
u64 tcp_ext_mib[TCPEXT_MAX];

const char *const ip_mib_names[IPSTATS_MIB_MAX] = {
	"Forwarding", "DefaultTTL", "InReceives", "InHdrErrors",
	"InAddrErrors", "ForwDatagrams", "InUnknownProtos", "InDiscards",
	"InDelivers", "OutRequests", "OutDiscards", "OutNoRoutes",
	"ReasmTimeout", "ReasmReqds", "ReasmOKs", "ReasmFails", "FragOKs",
	"FragFails", "FragCreates", "OutTransmits",
};

const char *const ip_ext_mib_names[IPEXT_MAX] = {
	"InTruncatedPkts", "InCsumErrors", "InBcastPkts", "InMcastPkts",
	"InOctets", "OutOctets", "InBadVersion", "InBadIHL", "InBadOptions",
	"InSrcRouted", "InMartianSrc", "InMartianDst",
	"InL2BcastUnicast", "ReasmOverlaps",
	"ReasmDuplicates", "ReasmOversize", "ReasmMemFull", "ReasmBadFrag",
	"OutArpFailed",
};

const char *const icmp_mib_names[ICMP_MIB_MAX] = {
	"InMsgs", "InErrors", "InCsumErrors", "InDestUnreachs", "InTimeExcds",
	"InParmProbs", "InSrcQuenchs", "InRedirects", "InEchos", "InEchoReps",
	"InTimestamps", "InTimestampReps", "InAddrMasks", "InAddrMaskReps",
	"OutMsgs", "OutErrors", "OutRateLimitGlobal", "OutRateLimitHost",
	"OutDestUnreachs", "OutTimeExcds", "OutParmProbs", "OutSrcQuenchs",
	"OutRedirects", "OutEchos", "OutEchoReps", "OutTimestamps",
	"OutTimestampReps", "OutAddrMasks", "OutAddrMaskReps",
};

const char *const icmp_ext_mib_names[ICMPEXT_MAX] = {
	"InBcastEchoIgnored", "InBadLength", "InUnknownType",
	"InErrNoHandler", "OutSuppressed", "InRedirectsAccepted",
	"InRedirectsRejected",
};

const char *const udp_mib_names[UDP_MIB_MAX] = {
	"InDatagrams", "NoPorts", "InErrors", "OutDatagrams", "RcvbufErrors",
	"SndbufErrors", "InCsumErrors", "IgnoredMulti", "MemErrors",
};

const char *const udp_ext_mib_names[UDPEXT_MAX] = {
	"InShort", "InBadLength",
};

const char *const arp_mib_names[ARP_MIB_MAX] = {
	"InPkts", "InRequests", "InReplies", "InBadHdr", "InBadSender",
	"InConflict", "InNotForUs", "OutRequests", "OutReplies",
	"OutGratuitous", "ResolveFailed", "QueueDrops", "UnresolvedDrops",
	"TableFull",
};

const char *const tcp_mib_names[TCP_MIB_MAX] = {
	"RtoAlgorithm", "RtoMin", "RtoMax", "MaxConn", "ActiveOpens",
	"PassiveOpens", "AttemptFails", "EstabResets", "CurrEstab", "InSegs",
	"OutSegs", "RetransSegs", "InErrs", "OutRsts", "InCsumErrors",
};

const char *const tcp_ext_mib_names[TCPEXT_MAX] = {
	"ListenOverflows", "ListenDrops", "TCPReqQFullDrop", "TCPTimeouts",
	"TCPOFOQueue", "TCPOFODrop", "TCPOFOMerge", "TCPRcvQDrop",
	"TCPChallengeACK", "TCPAbortOnData", "TCPAbortOnClose",
	"TCPAbortOnTimeout", "TW", "TCPBadHdr", "TCPBadSeq", "TCPKeepAlive",
	"OutOfWindowIcmps", "SyncookiesSent", "SyncookiesRecv",
	"SyncookiesFailed", "TCPReqQFullDoCookies",
	"PAWSEstab", "DelayedACKs", "TCPACKSkippedSeq", "TCPACKSkippedPAWS",
	"TCPACKSkippedChallenge", "TCPACKSkippedTimeWait",
	"TCPRenoRecovery", "TCPSackRecovery", "TCPSACKReneging",
	"TCPRenoRecoveryFail", "TCPSackRecoveryFail", "TCPSACKDiscard",
	"TCPDSACKRecv", "TCPSACKReorder", "TCPDSACKOldSent", "TCPDSACKOfoSent",
	"TCPAbortOnLinger",
};

void snmp_reset(void)
{
	memset(ip_mib, 0, sizeof(ip_mib));
	memset(ip_ext_mib, 0, sizeof(ip_ext_mib));
	memset(icmp_mib, 0, sizeof(icmp_mib));
	memset(icmp_ext_mib, 0, sizeof(icmp_ext_mib));
	memset(icmpmsg_in, 0, sizeof(icmpmsg_in));
	memset(icmpmsg_out, 0, sizeof(icmpmsg_out));
	memset(udp_mib, 0, sizeof(udp_mib));
	memset(udp_ext_mib, 0, sizeof(udp_ext_mib));
	memset(arp_mib, 0, sizeof(arp_mib));
	/* CurrEstab is a gauge of live connections, not a count: kept. */
	{
		u64 estab = tcp_mib[TCP_MIB_CURRESTAB];

		memset(tcp_mib, 0, sizeof(tcp_mib));
		tcp_mib[TCP_MIB_CURRESTAB] = estab;
	}
	memset(tcp_ext_mib, 0, sizeof(tcp_ext_mib));
}
