#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <bits/alltypes.h>
#include <uapi/fcntl.h>     /* SEEK_*, F_OK.. */

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int dup(int fd);
int dup2(int fd, int newfd);
int dup3(int fd, int newfd, int flags);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int fsync(int fd);
int ftruncate(int fd, off_t len);
int isatty(int fd);

pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execvpe(const char *file, char *const argv[], char *const envp[]);
int execl(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
__attribute__((noreturn)) void _exit(int status);

pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

int chdir(const char *path);
char *getcwd(char *buf, size_t size);
int rmdir(const char *path);
int unlink(const char *path);
int access(const char *path, int mode);

unsigned sleep(unsigned secs);
int usleep(useconds_t usecs);
unsigned alarm(unsigned secs);
int pause(void);

void *sbrk(long incr);
int brk(void *addr);
int getpagesize(void);
long sysconf(int name);
#define _SC_PAGESIZE   30
#define _SC_PAGE_SIZE  _SC_PAGESIZE
#define _SC_OPEN_MAX    4
#define _SC_CLK_TCK     2
int gethostname(char *name, size_t len);

long syscall(long nr, ...);

/* getopt(3), POSIX subset: no GNU argument permutation. */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

#endif
