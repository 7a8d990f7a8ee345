#!/usr/bin/python3
"""The shell on a pseudo-terminal (pexpect), as a user at the console sees
it: prompt "$ ", pipes, redirections, quoting, $?, builtins, background
jobs, ^C killing only the foreground job, signal-death reports."""
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, finish, prog  # noqa: E402

import pexpect  # noqa: E402

PROMPT = r"\$ $"


def start():
    env = dict(os.environ, PATH=os.path.dirname(prog("sh")) + ":/bin:/usr/bin",
               HOME="/tmp", PS1="")
    sh = pexpect.spawn(prog("sh"), env=env, encoding="utf-8", timeout=10,
                       dimensions=(24, 200))
    sh.expect(PROMPT)
    return sh


def cmd(sh, line, timeout=10):
    """Run one line; return its output (without the echoed command)."""
    sh.sendline(line)
    sh.expect(PROMPT, timeout=timeout)
    out = sh.before.replace("\r\n", "\n")
    first_nl = out.find("\n")
    return out[first_nl + 1:] if first_nl >= 0 else ""


def main():
    sh = start()
    check("prompt", True)
    check("echo", cmd(sh, "echo hello world") == "hello world\n")
    check("quoting", cmd(sh, "echo 'a  b' \"c  d\" e\\ f") == "a  b c  d e f\n")
    check("status_false", cmd(sh, "false; echo $?") == "1\n")
    check("status_true", cmd(sh, "true; echo $?") == "0\n")
    out = cmd(sh, "nosuchcommand_xyz; echo $?")
    check("not_found", "command not found" in out and out.endswith("127\n"), repr(out))
    check("pipe", cmd(sh, "echo abc | cat | cat") == "abc\n")
    out = cmd(sh, "echo one two three | wc -w")
    check("pipe_to_host_tool", out.strip() == "3", repr(out))
    d = tempfile.mkdtemp()
    f = os.path.join(d, "out")
    cmd(sh, "echo first > %s" % f)
    cmd(sh, "echo second >> %s" % f)
    check("redir_out_append", open(f).read() == "first\nsecond\n")
    check("redir_in", cmd(sh, "cat < %s" % f) == "first\nsecond\n")
    cmd(sh, "ls /nonexistent_dir_q 2> %s/err" % d)
    check("redir_stderr", "nonexistent_dir_q" in open(d + "/err").read())
    check("dup_2_to_1", "nonexistent_dir_q" in cmd(sh, "ls /nonexistent_dir_q 2>&1 | cat"))
    check("cd_pwd", cmd(sh, "cd %s; pwd" % d) == d + "\n")
    check("export", cmd(sh, "export FOO_T=bar; sh -c 'echo $FOO_T'") == "bar\n")
    check("and_or", cmd(sh, "false && echo no || echo yes") == "yes\n")
    check("var_expand", cmd(sh, "X=5; echo \"x=$X\" '$X'") == "x=5 $X\n")
    # background job and wait
    t0 = time.time()
    out = cmd(sh, "sleep 1 &")
    check("background_returns", time.time() - t0 < 0.9, "took %.2fs" % (time.time() - t0))
    check("background_jobno", out.startswith("[1] "), repr(out))
    cmd(sh, "wait", timeout=5)
    check("wait_builtin", time.time() - t0 >= 0.9)
    # ^C kills the foreground job, not the shell
    sh.sendline("sleep 30")
    time.sleep(0.5)
    t0 = time.time()
    sh.sendintr()
    sh.expect(PROMPT, timeout=5)
    check("ctrl_c_kills_job", time.time() - t0 < 3)
    check("ctrl_c_status", cmd(sh, "echo $?") == "130\n")
    check("shell_survives_ctrl_c", cmd(sh, "echo alive") == "alive\n")
    out = cmd(sh, "crash")
    check("segfault_report", "Segmentation fault" in out, repr(out))
    check("segfault_status", cmd(sh, "echo $?") == "139\n")
    out = cmd(sh, "sh -c 'kill -9 $$'")
    check("killed_report", "Killed" in out, repr(out))
    check("syntax_error", "syntax error" in cmd(sh, "echo 'unterminated"))
    check("empty_line", cmd(sh, "") == "")
    sh.sendline("exit 7")
    sh.expect(pexpect.EOF, timeout=5)
    sh.close()
    check("exit_status", sh.exitstatus == 7, str(sh.exitstatus))
    # non-interactive: script from stdin keeps the rest of input for children
    import subprocess
    r = subprocess.run([prog("sh")], input="read_rest() { :; }\necho a\ncat\nline2\n",
                       capture_output=True, text=True, timeout=10)
    check("script_stdin_shared", "a\n" in r.stdout)
    r = subprocess.run([prog("sh"), "-c", "echo $((1))x; exit 3"], capture_output=True,
                       text=True, timeout=10)
    check("dash_c", r.returncode == 3, str(r.returncode))
    finish()


if __name__ == "__main__":
    main()
