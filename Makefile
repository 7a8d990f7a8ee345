# Top-level build. `make` builds build/kernel.elf and build/os.iso;
# `make run` boots it; `make test` runs every test. Each source directory
# adds its own rules in a build.mk fragment included below.

.DEFAULT_GOAL := all
SHELL := /bin/bash

BUILD    := build
CC       ?= gcc
ifeq ($(origin CC),default)
CC       := gcc
endif
LD       ?= ld
ifeq ($(origin LD),default)
LD       := ld
endif
AR       := ar
OBJCOPY  ?= objcopy
HOSTCC   ?= gcc
PYTHON   ?= /usr/bin/python3

# ---- Kernel flags ----
# Freestanding, no red zone (interrupts push onto the kernel stack), no SSE
# (we do not save FPU state on kernel entry), kernel code model (linked in
# the top 2 GiB), frame pointers kept for panic backtraces.
KCFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin-printf \
	-mno-red-zone -mcmodel=kernel -fno-pic -fno-pie -mgeneral-regs-only \
	-mno-sse -mno-sse2 -mno-mmx -mno-3dnow -fno-stack-protector \
	-fno-omit-frame-pointer -fno-strict-aliasing -fno-common \
	-fno-tree-loop-distribute-patterns \
	-Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes \
	-Werror=implicit-function-declaration \
	-Iinclude -D__KERNEL__ -MMD -MP
KASFLAGS := -g -Iinclude -D__ASSEMBLY__ -D__KERNEL__ -MMD -MP
KLDFLAGS := -n -nostdlib -z max-page-size=0x1000 -z noexecstack -no-pie \
	--no-dynamic-linker --no-warn-rwx-segments

KERNEL_ELF := $(BUILD)/kernel.elf
ISO        := $(BUILD)/os.iso
INITRD     := $(BUILD)/initrd.cpio

# Sources: every .c/.S under these directories goes into the kernel.
# net/ is linked as an archive (libnet.a): it is portable code that also
# builds into host tests, and only what the kernel calls is pulled in.
KERNEL_DIRS := boot kernel drivers
KERNEL_SRCS = $(shell find $(KERNEL_DIRS) -name '*.c' -o -name '*.S' 2>/dev/null | sort)
KERNEL_OBJS = $(patsubst %,$(BUILD)/k/%.o,$(KERNEL_SRCS))
# net/socket.c is the VFS glue (kernel only); the rest of net/ is portable
# and NET_SRCS is what the host test builds compile.
NET_KERNEL_ONLY := net/socket.c
NET_SRCS    = $(filter-out $(NET_KERNEL_ONLY),$(shell find net -name '*.c' 2>/dev/null | sort))
NET_OBJS    = $(patsubst %,$(BUILD)/k/%.o,$(NET_SRCS) $(NET_KERNEL_ONLY))
LIBNET      := $(BUILD)/libnet.a

# Host tests append their binaries here; user programs to USER_PROGS.
HOST_TESTS :=
USER_PROGS :=
ISO_EXTRA  :=

-include $(wildcard */build.mk */*/build.mk)

.PHONY: all kernel iso run debug gdb test test-host test-qemu clean deps fuzz

all: deps $(ISO)

kernel: $(KERNEL_ELF)

deps: $(BUILD)/.deps-ok
$(BUILD)/.deps-ok: tools/deps.sh
	@mkdir -p $(BUILD)
	@bash tools/deps.sh
	@touch $@

# V=1 shows full command lines; by default one short line per step.
ifeq ($(V),1)
Q :=
else
Q := @
endif

$(BUILD)/k/%.c.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/k/%.S.o: %.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(KASFLAGS) -c $< -o $@

$(LIBNET): $(NET_OBJS)
	@rm -f $@
	@$(if $(Q),echo "  AR      $@")
	$(Q)$(AR) rcs $@ $(NET_OBJS)

$(KERNEL_ELF): $(KERNEL_OBJS) $(LIBNET) linker.ld
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(LD) $(KLDFLAGS) -T linker.ld -o $@ $(KERNEL_OBJS) \
		--start-group $(LIBNET) --end-group

$(ISO): $(KERNEL_ELF) $(INITRD) iso/grub.cfg $(ISO_EXTRA)
	@rm -rf $(BUILD)/isodir
	@mkdir -p $(BUILD)/isodir/boot/grub
	@# debug info stays in build/kernel.elf for gdb; the symbol table stays
	@# in the ISO's copy for backtraces
	@strip --strip-debug -o $(BUILD)/isodir/boot/kernel.elf $(KERNEL_ELF)
	@cp $(INITRD) $(BUILD)/isodir/boot/initrd.cpio
	@cp iso/grub.cfg $(BUILD)/isodir/boot/grub/grub.cfg
	@echo "  ISO     $@"
	$(Q)grub-mkrescue -o $@ $(BUILD)/isodir 2>$(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }

# The initrd holds the user programs and /etc; fragments add to INITRD_DEPS.
INITRD_DEPS ?=
$(INITRD): $(USER_PROGS) $(INITRD_DEPS) tools/mkinitrd.sh $(shell find rootfs -type f 2>/dev/null)
	@echo "  INITRD  $@"
	$(Q)bash tools/mkinitrd.sh $@ $(USER_PROGS)

# ---- Running ----
NIC     ?= virtio
NET     ?= user
TAP     ?= tap0
MEM     ?= 256M
CMDLINE ?=
PCAP    ?=
RESTRICT ?= off
ACCEL   ?= tcg
RUN_FLAGS = $(if $(filter on yes 1,$(RESTRICT)),--restrict)
run: all
	@$(PYTHON) tools/run-qemu.py --nic $(NIC) --net $(NET) --tap $(TAP) \
		--mem $(MEM) --cmdline "$(CMDLINE)" --pcap "$(PCAP)" --accel $(ACCEL) $(RUN_FLAGS) $(ISO)

debug: all
	@$(PYTHON) tools/run-qemu.py --nic $(NIC) --net $(NET) --tap $(TAP) \
		--mem $(MEM) --cmdline "$(CMDLINE)" --pcap "$(PCAP)" --accel $(ACCEL) $(RUN_FLAGS) --gdb $(ISO)

gdb: $(KERNEL_ELF)
	gdb -q -x tools/gdb/kernel.gdb $(KERNEL_ELF)

# ---- Tests ----
test: all $(HOST_TESTS)
	@$(PYTHON) tests/run.py --build $(BUILD) $(HOST_TESTS)

test-host: deps $(HOST_TESTS)
	@$(PYTHON) tests/run.py --build $(BUILD) --host-only $(HOST_TESTS)

test-qemu: all
	@$(PYTHON) tests/run.py --build $(BUILD) --qemu-only

clean:
	rm -rf $(BUILD)

# Keep intermediate objects (make would otherwise delete and rebuild them).
.SECONDARY:

-include $(shell find $(BUILD) -type f -name '*.d' -not -path '*/bench/*' 2>/dev/null)
