/* Self-tests for boot plumbing: options from fw_cfg. */
#include <kernel/kernel.h>
#include <kernel/cmdline.h>
#include <kernel/selftest.h>

/* The test passes "st_key=first st_key=second st_flag" through fw_cfg:
 * options must arrive, and the later value must win. */
static int cmdline_test(void)
{
	const char *v = cmdline_get("st_key");

	ST_CHECK(fw_cfg_present(), "no fw_cfg device");
	ST_CHECK(v != NULL, "st_key missing from '%s'", cmdline_full());
	ST_CHECK(!strcmp(v, "second"), "st_key=%s, want second", v);
	ST_CHECK(cmdline_has("st_flag"), "bare flag st_flag missing");
	ST_CHECK(!cmdline_has("st_fla"), "prefix matched as a flag");
	ST_CHECK(cmdline_get("nonexistent") == NULL, "absent key found");
	return 0;
}
SELFTEST("cmdline", cmdline_test);
