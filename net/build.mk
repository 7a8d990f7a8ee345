# net/ is compiled by the top-level Makefile (every net/**/*.c with the
# kernel flags into build/libnet.a). This fragment only adds a name for it.
.PHONY: libnet
libnet: $(LIBNET)
