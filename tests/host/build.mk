# Host unit tests of net/: the same net/**/*.c compiled with the host
# compiler and sanitizers, linked with tests/host/port_host.c (simulated
# clock, counted allocations) and the test helpers. Each tests/host/test_*.c
# becomes one binary that prints "N passed, M failed" last.

HOST_CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes \
	-Werror=implicit-function-declaration -Iinclude -Itests/host -MMD -MP
HOST_LDFLAGS := -fsanitize=address,undefined

HOST_NET_OBJS = $(patsubst %.c,$(BUILD)/host/%.o,$(NET_SRCS))
HOST_LIB_OBJS := $(BUILD)/host/tests/host/port_host.o \
	$(BUILD)/host/tests/host/testlib.o $(BUILD)/host/tests/host/test_main.o
HOST_TEST_SRCS := $(sort $(wildcard tests/host/test_*.c))
HOST_TEST_SRCS := $(filter-out tests/host/test_main.c,$(HOST_TEST_SRCS))
HOST_TEST_BINS := $(patsubst tests/host/%.c,$(BUILD)/host/%,$(HOST_TEST_SRCS))

HOST_TESTS += $(HOST_TEST_BINS)

$(BUILD)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/host/test_%: $(BUILD)/host/tests/host/test_%.o $(HOST_LIB_OBJS) \
		$(HOST_NET_OBJS)
	$(HOSTCC) $(HOST_LDFLAGS) -o $@ $^

.PHONY: host-tests net-test
host-tests: $(HOST_TEST_BINS)
# Run only the net/ host tests (handy while working on net/).
net-test: $(HOST_TEST_BINS)
	@rc=0; for t in $(HOST_TEST_BINS); do echo "== $$t"; $$t | tail -1 || rc=1; done; exit $$rc

# Host micro-benchmark (optimised, no sanitizers): `make net-bench`.
BENCH_CFLAGS := -std=gnu11 -O2 -g -Iinclude -Itests/host -w
BENCH_OBJS = $(patsubst %.c,$(BUILD)/bench/%.o,$(NET_SRCS)) \
	$(BUILD)/bench/tests/host/port_host.o $(BUILD)/bench/tests/host/testlib.o \
	$(BUILD)/bench/tests/host/bench_udp.o

$(BUILD)/bench/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(BENCH_CFLAGS) -c $< -o $@

$(BUILD)/bench/bench_udp: $(BENCH_OBJS)
	$(HOSTCC) -o $@ $^

.PHONY: net-bench
net-bench: $(BUILD)/bench/bench_udp
	$(BUILD)/bench/bench_udp
