#!/usr/bin/python3
"""init in host mode (-C - -n, not pid 1, child subreaper): readiness
reporting, the timeout message, restart with backoff, shell respawn,
SIGTERM shutdown."""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish, prog, free_port  # noqa: E402


def start_init(conf_text, *extra):
    d = tempfile.mkdtemp()
    conf = os.path.join(d, "init.conf")
    with open(conf, "w") as f:
        f.write(conf_text)
    p = subprocess.Popen([prog("init"), "-c", conf, "-C", "-"] + list(extra),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, text=True)
    return p, d


def read_until(p, text, timeout):
    """Collect init's output lines until one contains text."""
    deadline = time.time() + timeout
    lines = []
    os.set_blocking(p.stdout.fileno(), False)
    buf = ""
    while time.time() < deadline:
        try:
            chunk = p.stdout.read()
        except (BlockingIOError, TypeError):
            chunk = None
        if chunk:
            buf += chunk
            if text in buf:
                return buf
        time.sleep(0.05)
    return buf


def udp_echo(port, msg=b"hi", timeout=1.0):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(timeout)
    try:
        s.sendto(msg, ("127.0.0.1", port))
        return s.recv(100)
    except OSError:
        return None
    finally:
        s.close()


def children_of(pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                         text=True).stdout
    return [int(x) for x in out.split()]


def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def main():
    up, tp = free_port(), free_port(socket.SOCK_STREAM)
    conf = ("# test\nservice uecho %s -p %d\nservice techo %s echo -p %d\n"
            % (prog("udpecho"), up, prog("tcpsvc"), tp))
    t0 = time.time()
    p, d = start_init(conf, "-n", "-t", "10")
    out = read_until(p, "init: services", 12)
    check("services_ready", "init: services ready\n" in out, repr(out))
    check("ready_fast", time.time() - t0 < 5, "%.1fs" % (time.time() - t0))
    check("udp_service_works", udp_echo(up) == b"hi")
    c = socket.create_connection(("127.0.0.1", tp), timeout=2)
    c.sendall(b"tcp-echo")
    check("tcp_service_works", c.recv(100) == b"tcp-echo")
    c.close()
    kids = children_of(p.pid)
    check("two_services_running", len(kids) == 2, str(kids))
    # kill the UDP service: init restarts it after the backoff
    victim = None
    for k in kids:
        cmdline = open("/proc/%d/cmdline" % k).read()
        if "udpecho" in cmdline:
            victim = k
    os.kill(victim, signal.SIGKILL)
    out = read_until(p, "restart in", 3)
    check("crash_reported", "service uecho killed by signal 9" in out, repr(out))
    ok = False
    for _ in range(30):
        time.sleep(0.2)
        if udp_echo(up, timeout=0.2) == b"hi":
            ok = True
            break
    check("service_restarted", ok)
    check("restarted_new_pid", victim not in children_of(p.pid))
    stop(p)
    check("sigterm_exits", p.returncode == 0, str(p.returncode))
    time.sleep(0.3)
    check("services_stopped", udp_echo(up, timeout=0.3) is None)

    # A service that never reports readiness: the timeout message names it.
    conf = ("service good %s -p %d\nservice lazy %s 100\nservice broken /nonexistent/x\n"
            % (prog("udpecho"), free_port(), prog("sleep")))
    t0 = time.time()
    p, d = start_init(conf, "-n", "-t", "2")
    out = read_until(p, "init: services", 6)
    check("services_failed_line", "init: services failed: lazy broken\n" in out, repr(out))
    check("timeout_respected", 1.8 < time.time() - t0 < 5, "%.1fs" % (time.time() - t0))
    out += read_until(p, "restart in 4000 ms", 4)
    waits = [int(line.split("restart in ")[1].split()[0]) for line in out.splitlines()
             if "service broken exited with 127; restart in" in line]
    check("backoff_doubles", waits[:4] == [500, 1000, 2000, 4000], repr(waits))
    stop(p)

    # Orphans: a service leaves a background child behind and exits; the
    # child is re-parented to init (subreaper here, pid 1 in the kernel),
    # which must reap it: no zombies may stay under init.
    orph = os.path.join(d, "orphaner.sh")
    with open(orph, "w") as f:
        f.write("%s 0.3 &\n" % prog("sleep"))
    p, d3 = start_init("service orph %s %s\n" % (prog("sh"), orph), "-n", "-t", "1")
    time.sleep(2.5)
    zombies = []
    for k in children_of(p.pid):
        try:
            stat = open("/proc/%d/stat" % k).read()
        except OSError:
            continue
        if stat[stat.rindex(")") + 2] == "Z":
            zombies.append(k)
    out = read_until(p, "never", 0.1)
    check("orphans_reaped", not zombies, "zombies %s" % zombies)
    stop(p)

    # The shell is respawned when it exits.
    marker = os.path.join(d, "runs")
    script = os.path.join(d, "shell.sh")
    with open(script, "w") as f:
        f.write("echo run >> %s\n" % marker)
    p, d2 = start_init("shell %s %s\n" % (prog("sh"), script), "-t", "1")
    out = read_until(p, "init: services ready", 3)
    check("no_services_ready", "init: services ready" in out, repr(out))
    time.sleep(2.2)
    stop(p)
    runs = open(marker).read().count("run") if os.path.exists(marker) else 0
    check("shell_respawned", runs >= 3, "ran %d times" % runs)
    check("respawn_rate_limited", runs <= 6, "ran %d times in 2.2s" % runs)
    finish()


if __name__ == "__main__":
    main()
