/* poweroff: flush nothing, ask the kernel to power off (reboot(2) with
 * LINUX_REBOOT_CMD_POWER_OFF). -r reboots instead. */
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>

int main(int argc, char **argv)
{
	int cmd = argc > 1 && !strcmp(argv[1], "-r") ? RB_AUTOBOOT : RB_POWER_OFF;

	if (reboot(cmd) < 0) {
		perror("poweroff");
		return 1;
	}
	return 0;
}
