# libc: build/libc.a and build/crt0.o, plus the toolchain settings every
# user-space program uses (user/build.mk and the libc tests link with them).
#
# User code is compiled against our headers only (-nostdinc), plus the
# compiler's freestanding headers (stddef.h, stdarg.h, stdint.h...) and
# include/ for the shared ABI headers (<uapi/...>).

GCC_INC       := $(shell $(CC) -print-file-name=include)
LIBGCC        := $(shell $(CC) -print-libgcc-file-name)

USER_CFLAGS   := -std=gnu11 -O2 -g -ffreestanding -fno-stack-protector \
	-fno-pie -fno-pic -fno-omit-frame-pointer -fno-strict-aliasing \
	-Wall -Wextra -Wno-unused-parameter -Werror=implicit-function-declaration \
	-nostdinc -isystem libc/include -isystem $(GCC_INC) -isystem include \
	-MMD -MP
USER_LDFLAGS  := -static -nostdlib -no-pie -Wl,--build-id=none

LIBC_A        := $(BUILD)/libc.a
CRT0          := $(BUILD)/crt0.o
# A program links as: $(CC) $(USER_LDFLAGS) -o prog $(CRT0) objs $(USER_LIBS)
USER_LIBS     := $(LIBC_A) $(LIBGCC)

LIBC_SRCS     := $(shell find libc/src -name '*.c' | sort) \
	libc/arch/x86_64/sigreturn.S libc/arch/x86_64/setjmp.S
LIBC_OBJS     := $(patsubst %,$(BUILD)/u/%.o,$(LIBC_SRCS))

# The string functions may be what the compiler calls for struct copies and
# loops; keep it from turning their own loops back into calls to them.
LIBC_CFLAGS   := $(USER_CFLAGS) -fno-tree-loop-distribute-patterns

$(BUILD)/u/libc/%.c.o: libc/%.c
	@mkdir -p $(dir $@)
	$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(BUILD)/u/libc/%.S.o: libc/%.S
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -c $< -o $@

$(LIBC_A): $(LIBC_OBJS)
	@rm -f $@
	$(AR) rcs $@ $(LIBC_OBJS)

$(CRT0): libc/arch/x86_64/crt0.S
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -c $< -o $@

.PHONY: libc
libc: $(LIBC_A) $(CRT0)

# ---- libc tests: run natively on the Linux host (same ABI) ----
LIBC_TESTS := $(patsubst libc/tests/%.c,$(BUILD)/libc-tests/%,$(wildcard libc/tests/test_*.c))

$(BUILD)/u/libc/tests/%.c.o: libc/tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) -Wno-format -Wno-format-overflow -c $< -o $@

$(BUILD)/libc-tests/%: $(BUILD)/u/libc/tests/%.c.o $(CRT0) $(LIBC_A)
	@mkdir -p $(dir $@)
	$(CC) $(USER_LDFLAGS) -o $@ $(CRT0) $< $(USER_LIBS)

# The ABI check compiles one list of constants and layouts against the
# host's glibc/Linux headers and against ours, and compares the output.
$(BUILD)/libc-tests/abi_sys: libc/tests/abi/abi_dump.c libc/tests/abi/abi_list.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -O1 -DABI_SYSTEM -o $@ $<
$(BUILD)/libc-tests/abi_ours: libc/tests/abi/abi_dump.c libc/tests/abi/abi_list.h $(CRT0) $(LIBC_A)
	@mkdir -p $(dir $@)
	$(CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $(CRT0) $< $(USER_LIBS)
$(BUILD)/libc-tests/abi_check: libc/tests/abi/abi_check.sh $(BUILD)/libc-tests/abi_sys $(BUILD)/libc-tests/abi_ours
	cp $< $@ && chmod +x $@

HOST_TESTS += $(LIBC_TESTS) $(BUILD)/libc-tests/abi_check
