# GDB narration of the socket path and the TCP handshake and close.
#
#   make debug                      # one terminal: QEMU halted, gdbstub on :1234
#   make gdb                        # another: gdb with the kernel's symbols
#   (gdb) source tools/gdb/narrate.py
#   (gdb) narrate                   # then, in the guest: nc -l -p 5000 & nc 127.0.0.1 5000
#
# Each breakpoint prints one line saying which step of the path ran (the
# same function names as Linux 5.8) and continues by itself; every TCP state
# change goes through tcp_set_state(sk, state), which prints old -> new.
# `narrate stop` removes the breakpoints. Run non-interactively with
# `gdb -batch -x tools/gdb/narrate.py -ex 'narrate run SECONDS'`.
import gdb

TCP_STATES = ["?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
              "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK",
              "LISTEN", "CLOSING", "NEW_SYN_RECV"]

# function -> what that step means (in call order for an echo connection)
STEPS = [
    ("sys_socket", "socket(2): sys_socket -> sock_create"),
    ("inet_create", "inet_create: (type, protocol) found in inetsw -> proto_ops + proto"),
    ("sock_map_fd", "sock_map_fd: the socket becomes a file (socket_file_ops)"),
    ("inet_listen", "listen(2): inet_listen"),
    ("tcp_v4_connect", "connect(2): inet_stream_connect -> tcp_v4_connect"),
    ("tcp_connect", "tcp_connect: send SYN"),
    ("tcp_v4_rcv", None),  # too frequent to print; kept for `narrate verbose`
    ("tcp_conn_request", "SYN on a listener: tcp_conn_request queues a request sock, sends SYN-ACK"),
    ("tcp_rcv_synsent_state_process", "SYN-ACK in SYN_SENT: tcp_rcv_synsent_state_process"),
    ("tcp_finish_connect", "tcp_finish_connect: connection established, ACK sent"),
    ("tcp_check_req", "ACK for a request sock: tcp_check_req"),
    ("tcp_v4_syn_recv_sock", "tcp_v4_syn_recv_sock: the child socket is created"),
    ("inet_csk_accept", "accept(2): inet_csk_accept takes the child off the accept queue"),
    ("tcp_close", "close(2): tcp_close"),
    ("tcp_send_fin", "tcp_send_fin: FIN queued"),
    ("tcp_fin", "peer's FIN: tcp_fin"),
    ("tcp_time_wait", "tcp_time_wait: the socket becomes a small timewait object"),
    ("tcp_done", "tcp_done: connection gone"),
]


class StepBreakpoint(gdb.Breakpoint):
    def __init__(self, func, text, verbose):
        # "*func": the first instruction, not after the prologue (gdb's
        # default), so one location per function and arguments still in
        # their registers.
        super().__init__("*" + func, internal=True)
        self.func, self.text, self.verbose = func, text, verbose

    def stop(self):
        if self.text:
            print("[narrate] " + self.text)
        elif self.verbose:
            print("[narrate] " + self.func)
        return False


class StateBreakpoint(gdb.Breakpoint):
    """tcp_set_state(sk, state): old state from sk->sk_state, new from the
    second argument (rsi at the first instruction; after the prologue the
    compiler may have reused it)."""

    def __init__(self):
        super().__init__("*tcp_set_state", internal=True)

    def stop(self):
        frame = gdb.selected_frame()
        try:
            new = int(frame.read_register("rsi")) & 0xff
            sk = frame.read_register("rdi").cast(
                gdb.lookup_type("struct sock").pointer())
            old = int(sk.dereference()["sk_state"])
        except gdb.error:
            return False
        caller = frame.older().name() if frame.older() else "?"
        name = lambda s: TCP_STATES[s] if s < len(TCP_STATES) else str(s)
        print("[narrate] tcp_set_state: %s -> %s   (from %s)" % (name(old), name(new), caller))
        return False


class Narrate(gdb.Command):
    """narrate [stop|verbose|run SECONDS]: print each step of the socket path
    and every TCP state change as the kernel runs."""

    def __init__(self):
        super().__init__("narrate", gdb.COMMAND_USER)
        self.bps = []

    def install(self, verbose):
        for func, text in STEPS:
            if gdb.lookup_global_symbol(func) is None and not gdb.lookup_symbol(func)[0]:
                continue
            if text or verbose:
                self.bps.append(StepBreakpoint(func, text, verbose))
        if gdb.lookup_global_symbol("tcp_set_state") or gdb.lookup_symbol("tcp_set_state")[0]:
            self.bps.append(StateBreakpoint())
        print("[narrate] %d breakpoints set" % len(self.bps))

    def invoke(self, arg, from_tty):
        args = arg.split()
        pc = int(gdb.parse_and_eval("$pc")) & 0xffffffffffffffff
        if pc < 0xffffffff80000000 and not (args and args[0] == "stop"):
            # Not in the kernel yet (QEMU halted at reset, GRUB still to
            # run): stop once the kernel is up, then set the breakpoints.
            gdb.execute("hbreak start_kernel_rest")
            gdb.execute("continue")
            gdb.execute("delete")
        if args and args[0] == "stop":
            for b in self.bps:
                b.delete()
            self.bps = []
            return
        self.install(verbose=bool(args and args[0] == "verbose"))
        if args and args[0] == "run":
            # Batch use: let the guest run for a while, then stop it.
            seconds = float(args[1]) if len(args) > 1 else 30
            threading_timer(seconds)
            gdb.execute("continue")


def threading_timer(seconds):
    import threading

    def interrupt():
        gdb.post_event(lambda: gdb.execute("interrupt"))

    t = threading.Timer(seconds, interrupt)
    t.daemon = True
    t.start()


Narrate()
