#ifndef _TERMIOS_H
#define _TERMIOS_H
#include <bits/alltypes.h>
#include <uapi/termios.h>
int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);
int tcflush(int fd, int queue);
void cfmakeraw(struct termios *t);
speed_t cfgetospeed(const struct termios *t);
speed_t cfgetispeed(const struct termios *t);
int cfsetospeed(struct termios *t, speed_t s);
int cfsetispeed(struct termios *t, speed_t s);
pid_t tcgetsid(int fd);
#endif
