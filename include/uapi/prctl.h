/* prctl(2) options that init uses when it is not pid 1 (host test mode). */
#ifndef UAPI_PRCTL_H
#define UAPI_PRCTL_H

#define PR_SET_PDEATHSIG        1
#define PR_SET_NAME            15
#define PR_SET_CHILD_SUBREAPER 36

#endif
