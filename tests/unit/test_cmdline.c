/* Kernel option parsing, with fw_cfg replaced by a string the test sets. */
#include <string.h>
#include <kernel/cmdline.h>
#include "unit.h"

static const char *fw_cfg_text;

long fw_cfg_read_file(const char *name, void *buf, size_t size)
{
	size_t n;

	if (!fw_cfg_text || strcmp(name, "opt/os/cmdline"))
		return -2;
	n = strlen(fw_cfg_text);
	memcpy(buf, fw_cfg_text, n < size ? n : size);
	return n;
}

bool fw_cfg_present(void) { return fw_cfg_text != NULL; }

TEST(boot_line_only)
{
	fw_cfg_text = NULL;
	cmdline_init("loglevel=4 quiet ip=10.0.0.2/24");
	CHECK(!strcmp(cmdline_get("ip"), "10.0.0.2/24"), "ip=%s", cmdline_get("ip"));
	CHECK(cmdline_get_long("loglevel", 7) == 4, "loglevel");
	CHECK(cmdline_has("quiet") && !cmdline_has("qu"), "flags");
	CHECK(cmdline_get("gw") == NULL, "absent key");
	CHECK(cmdline_get_long("gw", 9) == 9, "default");
}

TEST(fw_cfg_appends_and_wins)
{
	fw_cfg_text = "ip=192.168.76.2/24\ngw=192.168.76.1";
	cmdline_init("ip=10.0.0.2/24");
	CHECK(!strcmp(cmdline_get("ip"), "192.168.76.2/24"), "ip=%s", cmdline_get("ip"));
	CHECK(!strcmp(cmdline_get("gw"), "192.168.76.1"), "gw=%s", cmdline_get("gw"));
}

TEST(key_prefixes_do_not_match)
{
	fw_cfg_text = NULL;
	cmdline_init("ipx=1 xip=2 ip=3");
	CHECK(!strcmp(cmdline_get("ip"), "3"), "ip=%s", cmdline_get("ip"));
	cmdline_init("ipx=1");
	CHECK(cmdline_get("ip") == NULL, "ip matched ipx");
}

TEST(empty_value_and_spaces)
{
	fw_cfg_text = NULL;
	cmdline_init("  a=   b=2  ");
	CHECK(cmdline_get("a") && !strcmp(cmdline_get("a"), ""), "a");
	CHECK(!strcmp(cmdline_get("b"), "2"), "b");
	cmdline_init(NULL);
	CHECK(cmdline_get("b") == NULL, "NULL boot line");
}

TEST(overlong_fw_cfg_is_refused_not_truncated)
{
	static char big[2048];

	memset(big, 'x', sizeof(big) - 1);
	memcpy(big, "k=", 2);
	fw_cfg_text = big;
	cmdline_init("a=1");
	CHECK(cmdline_get("k") == NULL, "overlong options partly applied");
	CHECK(!strcmp(cmdline_get("a"), "1"), "boot line lost");
}

int main(void)
{
	return unit_run_all();
}
