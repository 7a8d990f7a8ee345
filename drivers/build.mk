# Host unit tests of driver logic that needs no hardware, with the same
# flags as tests/unit (ASan/UBSan). drivers/tests/host/*.c are host-only
# (wrapped in __HOST_TEST__, since the kernel build compiles all of drivers/).
DRV_HOST_DIR := $(BUILD)/drivers-host
DRV_HOST_test_virtio_ring := drivers/virtio/virtio_ring.c

DRV_HOST_TESTS := test_virtio_ring
HOST_TESTS += $(patsubst %,$(DRV_HOST_DIR)/%,$(DRV_HOST_TESTS))

.SECONDEXPANSION:
$(DRV_HOST_DIR)/%: drivers/tests/host/%.c tests/unit/unit.c tests/unit/unit.h $$(DRV_HOST_$$*) | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -o $@ drivers/tests/host/$*.c tests/unit/unit.c $(DRV_HOST_$*)
