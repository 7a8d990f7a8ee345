# GDB setup for the teaching kernel: `make debug` in one terminal, then
# `make gdb` in another. QEMU's gdbstub listens on 127.0.0.1:1234.
set pagination off
set confirm off
set architecture i386:x86-64
set disassembly-flavor intel
target remote 127.0.0.1:1234
# Paging is not on yet when QEMU stops at the reset vector, and GRUB loads
# the kernel later: use hardware breakpoints for the first stops.
echo Connected. Try: hbreak kmain, then continue.\n
