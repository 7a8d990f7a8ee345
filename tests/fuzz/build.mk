# Fuzzing the Ethernet input path (tests/fuzz/fuzz_eth.c).
#   make fuzz [FUZZ_TIME=600]  libFuzzer run (clang, ASan+UBSan) from a
#                              working copy of tests/fuzz/corpus
#   build/fuzz/fuzz_regress    every committed corpus file through the
#                              harness (gcc, ASan+UBSan); part of make test

FUZZ_TIME ?= 600
FUZZ_CC   ?= clang
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined -Iinclude -Itests/host \
	-Wall -Wno-unused-parameter

FUZZ_NET_OBJS = $(patsubst %.c,$(BUILD)/fuzz/obj/%.o,$(NET_SRCS))
# The regression binary reuses the host-test objects (tests/host/build.mk
# compiles $(BUILD)/host/%.o); spelled out here because this fragment is
# read before that one.
FUZZ_REGRESS_NET_OBJS = $(patsubst %.c,$(BUILD)/host/%.o,$(NET_SRCS))

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/fuzz_eth: $(BUILD)/fuzz/obj/tests/fuzz/fuzz_eth.o \
		$(BUILD)/fuzz/obj/tests/host/port_host.o $(FUZZ_NET_OBJS)
	$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $@ $^

$(BUILD)/host/tests/fuzz/regress_main.o: HOST_CFLAGS += \
	-DCORPUS_DIR='"$(CURDIR)/tests/fuzz/corpus"'
$(BUILD)/fuzz/fuzz_regress: $(BUILD)/host/tests/fuzz/regress_main.o \
		$(BUILD)/host/tests/fuzz/fuzz_eth.o \
		$(BUILD)/host/tests/host/port_host.o $(FUZZ_REGRESS_NET_OBJS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_LDFLAGS) -o $@ $^

HOST_TESTS += $(BUILD)/fuzz/fuzz_regress

fuzz: $(BUILD)/fuzz/fuzz_eth
	@mkdir -p $(BUILD)/fuzz/corpus
	cp -n tests/fuzz/corpus/* $(BUILD)/fuzz/corpus/ 2>/dev/null || true
	$(BUILD)/fuzz/fuzz_eth -max_total_time=$(FUZZ_TIME) -max_len=4096 \
		-print_final_stats=1 -timeout=10 -rss_limit_mb=4096 \
		-artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus
