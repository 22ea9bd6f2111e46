#!/usr/bin/env python3
"""Runs a program on pseudo-terminals that are NOT its controlling terminal, for
lost-terminal.test.ts: closing a master then hangs the terminal up without any SIGHUP
(the program is in a new session without a controlling terminal), as when a session
leader that ignores HUP stays behind.

  pty-driver.py STDIN STDOUT STDERR -- ARGV...    each of STDIN/STDOUT/STDERR: a or b (a pty)

Writes JSON lines to stdout: {"pid": N}, {"out": "a", "data": BASE64}, {"exit": CODE, "signal": SIG}.
Reads commands from stdin, one a line: "close a" / "close b" (close that master), "kill".
When its stdin ends (the test is gone) it kills the program and exits.
"""
import base64, fcntl, json, os, select, signal, struct, subprocess, sys, termios

def emit(obj):
    sys.stdout.write(json.dumps(obj) + '\n')
    sys.stdout.flush()

def main():
    split = sys.argv.index('--')
    roles, argv = sys.argv[1:split], sys.argv[split + 1:]
    masters, slaves = {}, {}
    for name in sorted(set(roles)):
        master, slave = os.openpty()
        # 80x24, as a person's terminal; the program reads it at start.
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
        masters[name], slaves[name] = master, slave
    child = subprocess.Popen(argv, stdin=slaves[roles[0]], stdout=slaves[roles[1]], stderr=slaves[roles[2]],
                             start_new_session=True)
    for slave in slaves.values():
        os.close(slave)
    emit({'pid': child.pid})
    commands = b''
    stdin_open = True
    exited = False
    while True:
        readers = list(masters.values()) + ([sys.stdin.fileno()] if stdin_open else [])
        ready, _, _ = select.select(readers, [], [], 0.05)
        for name, master in list(masters.items()):
            if master in ready:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    data = b''
                if data:
                    emit({'out': name, 'data': base64.b64encode(data).decode()})
                else:
                    # No program has the slave open any more.
                    os.close(master)
                    del masters[name]
        if stdin_open and sys.stdin.fileno() in ready:
            chunk = os.read(sys.stdin.fileno(), 4096)
            if not chunk:
                stdin_open = False
                if child.poll() is None:
                    child.kill()
            commands += chunk
            while b'\n' in commands:
                line, commands = commands.split(b'\n', 1)
                words = line.decode().split()
                if words[:1] == ['close'] and words[1] in masters:
                    os.close(masters.pop(words[1]))
                elif words == ['kill'] and child.poll() is None:
                    child.kill()
        if not exited and child.poll() is not None:
            exited = True
            code = child.returncode
            emit({'exit': code if code >= 0 else None, 'signal': signal.Signals(-code).name if code < 0 else None})
        if exited and (not stdin_open or not masters):
            return

if __name__ == '__main__':
    main()
