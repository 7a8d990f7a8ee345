/* ioctl(2) request numbers (Linux x86_64 <asm-generic/ioctls.h>). */
#ifndef UAPI_IOCTLS_H
#define UAPI_IOCTLS_H

#define TCGETS     0x5401   /* struct termios * */
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TCFLSH     0x540B
#define TIOCSCTTY  0x540E   /* make this tty our controlling terminal */
#define TIOCGPGRP  0x540F   /* pid_t *: foreground process group */
#define TIOCSPGRP  0x5410
#define TIOCOUTQ   0x5411
#define TIOCGWINSZ 0x5413   /* struct winsize * */
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B   /* int *: bytes ready to read */
#define TIOCINQ    FIONREAD
#define FIONBIO    0x5421   /* int *: non-zero sets O_NONBLOCK */
#define TIOCNOTTY  0x5422
#define TIOCGSID   0x5429
#define FIONCLEX   0x5450
#define FIOCLEX    0x5451

#endif
