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

# The e1000 driver against a simulated NIC, with net/ and its host port
# (the objects tests/host/build.mk builds).
DRV_E1000_SRCS := drivers/net/e1000.c drivers/net/nic.c drivers/tests/host/test_e1000.c \
	drivers/tests/host/fake_kernel.c
DRV_E1000_OBJS = $(patsubst %.c,$(BUILD)/drivers-host/obj/%.o,$(DRV_E1000_SRCS))
HOST_TESTS += $(DRV_HOST_DIR)/test_e1000

$(BUILD)/drivers-host/obj/%.o: %.c | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -D__HOST_TEST__ -c $< -o $@

$(DRV_HOST_DIR)/test_e1000: $(DRV_E1000_OBJS) $(BUILD)/host/tests/host/port_host.o \
		$(BUILD)/host/tests/host/test_main.o \
		$(patsubst %.c,$(BUILD)/host/%.o,$(NET_SRCS))
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) $(HOST_LDFLAGS) -o $@ $^

# The virtio-net driver and its rings against a simulated device behind a
# fake transport.
DRV_VNET_SRCS := drivers/net/virtio_net.c drivers/virtio/virtio_ring.c \
	drivers/net/nic.c drivers/tests/host/test_virtio_net.c \
	drivers/tests/host/fake_kernel.c
DRV_VNET_OBJS = $(patsubst %.c,$(BUILD)/drivers-host/obj/%.o,$(DRV_VNET_SRCS))
HOST_TESTS += $(DRV_HOST_DIR)/test_virtio_net

$(DRV_HOST_DIR)/test_virtio_net: $(DRV_VNET_OBJS) $(BUILD)/host/tests/host/port_host.o \
		$(BUILD)/host/tests/host/test_main.o \
		$(patsubst %.c,$(BUILD)/host/%.o,$(NET_SRCS))
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) $(HOST_LDFLAGS) -o $@ $^
