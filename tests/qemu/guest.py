"""A booted guest with its shell: run commands over the serial console and
read their output. Commands are separated by a marker echoed after each,
so output is captured exactly even when the command prints a prompt-like
string."""
import itertools
import re

from qemu import Qemu

PROMPT = r"\$ "
_marks = itertools.count(1)


class Guest(Qemu):
    def boot(self, timeout=90, want_services=True):
        self.start()
        if want_services:
            self.expect(r"init: services (ready|failed.*)", timeout=timeout)
        self.expect(PROMPT, timeout=timeout)
        return self

    def __enter__(self):
        return self.boot()

    def run(self, cmd, timeout=60):
        """Run cmd in the guest shell; return (output, exit status)."""
        n = next(_marks)
        mark = "__done_%d__" % n
        # The shell prints the marker and $? after the command; "&" is
        # itself a separator, so it takes no ";".
        sep = " " if cmd.rstrip().endswith("&") else "; "
        self.send("%s%secho %s $?\r" % (cmd, sep, mark))
        # Skip the echo of the command line itself, then read to the marker.
        start = self.expect(re.escape(mark) + r" \$\?", timeout=timeout).end()
        m = self.expect(re.escape(mark) + r" (\d+)\r?\n", timeout=timeout)
        with self.lock:
            out = self.out[start:m.start()].decode("utf-8", "replace")
        self.expect(PROMPT, timeout=timeout)
        return out.replace("\r\n", "\n").strip("\n"), int(m.group(1))
