# Host unit tests for kernel logic that does not need the hardware: the
# same .c files as the kernel, built for the host with sanitizers.
UNIT_CFLAGS := -std=gnu11 -g -O1 -D__HOST_TEST__ -Iinclude -Itests/unit \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer -Wall -Wextra -Wno-unused-parameter \
	-Wno-format-truncation
UNIT_DIR := $(BUILD)/unit

UNIT_test_vsnprintf   := $(UNIT_DIR)/k_vsnprintf.o
UNIT_test_list        :=
UNIT_test_cmdline     := kernel/cmdline.c kernel/lib/string_ext.c
UNIT_test_page_alloc  := kernel/mm/page_alloc.c
UNIT_test_slab        := kernel/mm/page_alloc.c kernel/mm/slab.c
UNIT_test_timer_wheel := kernel/time/timer.c

UNIT_TESTS := test_vsnprintf test_list test_cmdline test_page_alloc \
	test_slab test_timer_wheel
HOST_TESTS += $(patsubst %,$(UNIT_DIR)/%,$(UNIT_TESTS))

# The kernel's vsnprintf is renamed so the test can compare it with glibc's.
$(UNIT_DIR)/k_vsnprintf.o: kernel/lib/vsnprintf.c | deps
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -Dvsnprintf=k_vsnprintf -Dsnprintf=k_snprintf -c -o $@ $<

.SECONDEXPANSION:
$(UNIT_DIR)/%: tests/unit/%.c tests/unit/unit.c tests/unit/unit.h $$(UNIT_$$*) | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -o $@ tests/unit/$*.c tests/unit/unit.c $(UNIT_$*)
