/* Intel 8254x (82540EM, QEMU's -device e1000) registers and descriptor
 * formats, from the PCI/PCI-X Family of Gigabit Ethernet Controllers
 * Software Developer's Manual (section numbers in comments). */
#ifndef DRIVERS_NET_E1000_HW_H
#define DRIVERS_NET_E1000_HW_H

#include <lib/types.h>
#include <lib/compiler.h>

/* Registers (13.4), byte offsets into BAR 0. */
#define E1000_CTRL   0x00000
#define E1000_STATUS 0x00008
#define E1000_EERD   0x00014
#define E1000_ICR    0x000C0    /* read to clear */
#define E1000_ITR    0x000C4
#define E1000_IMS    0x000D0
#define E1000_IMC    0x000D8
#define E1000_RCTL   0x00100
#define E1000_TCTL   0x00400
#define E1000_TIPG   0x00410
#define E1000_RDBAL  0x02800
#define E1000_RDBAH  0x02804
#define E1000_RDLEN  0x02808
#define E1000_RDH    0x02810
#define E1000_RDT    0x02818
#define E1000_RDTR   0x02820
#define E1000_TDBAL  0x03800
#define E1000_TDBAH  0x03804
#define E1000_TDLEN  0x03808
#define E1000_TDH    0x03810
#define E1000_TDT    0x03818
#define E1000_MTA    0x05200    /* 128 dwords */
#define E1000_RAL0   0x05400
#define E1000_RAH0   0x05404
/* Statistics (13.7), clear on read. */
#define E1000_CRCERRS 0x04000
#define E1000_MPC    0x04010    /* missed: no room for the frame */
#define E1000_RNBC   0x040A0    /* receive no buffers */

#define E1000_CTRL_FD      (1u << 0)
#define E1000_CTRL_LRST    (1u << 3)
#define E1000_CTRL_ASDE    (1u << 5)
#define E1000_CTRL_SLU     (1u << 6)
#define E1000_CTRL_ILOS    (1u << 7)
#define E1000_CTRL_RST     (1u << 26)
#define E1000_CTRL_PHY_RST (1u << 31)

#define E1000_STATUS_FD    (1u << 0)
#define E1000_STATUS_LU    (1u << 1)

#define E1000_EERD_START      (1u << 0)
#define E1000_EERD_DONE       (1u << 4)
#define E1000_EERD_ADDR_SHIFT 8
#define E1000_EERD_DATA_SHIFT 16

/* Interrupt causes (ICR/IMS/IMC, 13.4.17). */
#define E1000_ICR_TXDW   (1u << 0)      /* a TX descriptor written back */
#define E1000_ICR_TXQE   (1u << 1)
#define E1000_ICR_LSC    (1u << 2)      /* link status change */
#define E1000_ICR_RXSEQ  (1u << 3)
#define E1000_ICR_RXDMT0 (1u << 4)      /* RX ring below threshold */
#define E1000_ICR_RXO    (1u << 6)      /* receiver overrun */
#define E1000_ICR_RXT0   (1u << 7)      /* RX timer: frames written back */

#define E1000_RCTL_EN    (1u << 1)
#define E1000_RCTL_SBP   (1u << 2)
#define E1000_RCTL_UPE   (1u << 3)
#define E1000_RCTL_MPE   (1u << 4)
#define E1000_RCTL_LPE   (1u << 5)
#define E1000_RCTL_RDMTS_HALF (0u << 8)
#define E1000_RCTL_BAM   (1u << 15)     /* accept broadcast */
#define E1000_RCTL_SZ_2048 (0u << 16)
#define E1000_RCTL_SECRC (1u << 26)     /* strip the CRC */

#define E1000_TCTL_EN    (1u << 1)
#define E1000_TCTL_PSP   (1u << 3)      /* pad short packets to 64 bytes */
#define E1000_TCTL_CT_SHIFT   4
#define E1000_TCTL_COLD_SHIFT 12
#define E1000_TCTL_RTLC  (1u << 24)

/* 13.4.34: IPGT 10, IPGR1 8, IPGR2 6 for IEEE 802.3 on copper. */
#define E1000_TIPG_DEFAULT (10u | 8u << 10 | 6u << 20)

#define E1000_RAH_AV     (1u << 31)

/* Legacy receive descriptor (3.2.3). */
struct e1000_rx_desc {
	u64 addr;
	u16 length;
	u16 csum;
	u8 status;
	u8 errors;
	u16 special;
};
_Static_assert(sizeof(struct e1000_rx_desc) == 16, "rx desc layout");

#define E1000_RXD_STAT_DD  (1u << 0)    /* descriptor done */
#define E1000_RXD_STAT_EOP (1u << 1)    /* end of packet */
/* TCPE/IPE only report checksum results; frame errors are the rest. */
#define E1000_RXD_ERR_FRAME 0x97

/* Legacy transmit descriptor (3.3.3). */
struct e1000_tx_desc {
	u64 addr;
	u16 length;
	u8 cso;
	u8 cmd;
	u8 status;
	u8 css;
	u16 special;
};
_Static_assert(sizeof(struct e1000_tx_desc) == 16, "tx desc layout");

#define E1000_TXD_CMD_EOP  (1u << 0)
#define E1000_TXD_CMD_IFCS (1u << 1)    /* insert the FCS */
#define E1000_TXD_CMD_RS   (1u << 3)    /* report status (DD) */
#define E1000_TXD_STAT_DD  (1u << 0)

#endif
