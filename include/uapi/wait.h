/* wait4(2) options. The status word: low 7 bits = terminating signal
 * (0 = exited, 0x7f = stopped), bit 7 = core dumped, bits 8-15 = exit code
 * or stop signal; 0xffff = continued. */
#ifndef UAPI_WAIT_H
#define UAPI_WAIT_H

#define WNOHANG    0x00000001
#define WUNTRACED  0x00000002
#define WSTOPPED   WUNTRACED
#define WEXITED    0x00000004
#define WCONTINUED 0x00000008
#define WNOWAIT    0x01000000

#endif
