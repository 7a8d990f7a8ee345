# User programs: user/<name>.c and user/<name>/*.c (multi-file programs)
# and the in-kernel test programs user/tests/<name>.c, each linked
# statically against our libc into build/user/bin/<name>. All of them go
# into the initrd's /bin (the top-level Makefile packs USER_PROGS).

USER_BIN      := $(BUILD)/user/bin
USER_ONEFILE  := $(patsubst user/%.c,%,$(wildcard user/*.c))
USER_MULTI    := $(sort $(patsubst user/%/,%,$(filter-out user/tests/ user/lib/,$(dir $(wildcard user/*/*.c)))))
USER_TESTPROGS := $(patsubst user/tests/%.c,%,$(wildcard user/tests/*.c))
USER_NAMES    := $(sort $(USER_ONEFILE) $(USER_MULTI) $(USER_TESTPROGS))

USER_PROGS += $(addprefix $(USER_BIN)/,$(USER_NAMES))

$(BUILD)/u/user/%.c.o: user/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -Iuser/lib -c $< -o $@

# Shared helpers for the programs (user/lib/*.c), an archive so each
# program links only what it uses.
USER_LIB_OBJS := $(BUILD)/user/libuser.a
$(BUILD)/user/libuser.a: $(patsubst %,$(BUILD)/u/%.o,$(wildcard user/lib/*.c))
	@mkdir -p $(dir $@)
	@rm -f $@
	$(AR) rcs $@ $^

define user_multi_rule
$(USER_BIN)/$(1): $(patsubst %,$(BUILD)/u/%.o,$(wildcard user/$(1)/*.c)) $(USER_LIB_OBJS) $(CRT0) $(LIBC_A)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(USER_LDFLAGS) -o $$@ $$(CRT0) $$(filter-out $$(CRT0),$$(filter %.o,$$^)) $$(USER_LIB_OBJS) $$(USER_LIBS)
endef
$(foreach p,$(USER_MULTI),$(eval $(call user_multi_rule,$(p))))

$(USER_BIN)/%: $(BUILD)/u/user/%.c.o $(USER_LIB_OBJS) $(CRT0) $(LIBC_A)
	@mkdir -p $(dir $@)
	$(CC) $(USER_LDFLAGS) -o $@ $(CRT0) $< $(USER_LIB_OBJS) $(USER_LIBS)

$(USER_BIN)/%: $(BUILD)/u/user/tests/%.c.o $(USER_LIB_OBJS) $(CRT0) $(LIBC_A)
	@mkdir -p $(dir $@)
	$(CC) $(USER_LDFLAGS) -o $@ $(CRT0) $< $(USER_LIB_OBJS) $(USER_LIBS)

.PHONY: user
user: $(addprefix $(USER_BIN)/,$(USER_NAMES))

# Host tests of the programs: Python drivers (pexpect for the shell on a
# pty) that run the static binaries natively; each prints the runner's
# "N passed, M failed" line. systest and nettest run natively too.
USER_HOST_TESTS := $(patsubst user/tests/host/%.py,$(BUILD)/user-tests/%,$(wildcard user/tests/host/test_*.py))
$(BUILD)/user-tests/%: user/tests/host/%.py user/tests/host/harness.py $(addprefix $(USER_BIN)/,$(USER_NAMES))
	@mkdir -p $(dir $@)
	cp user/tests/host/harness.py $(dir $@)harness.py
	cp $< $@ && chmod +x $@
$(BUILD)/user-tests/systest: $(USER_BIN)/systest
	@mkdir -p $(dir $@)
	cp $< $@
$(BUILD)/user-tests/nettest: $(USER_BIN)/nettest
	@mkdir -p $(dir $@)
	cp $< $@

HOST_TESTS += $(USER_HOST_TESTS) $(BUILD)/user-tests/systest $(BUILD)/user-tests/nettest
