"""Runs a command on a pseudo-terminal and types the given answers, one at each prompt (a line ending in ':').

Usage: pty-answer.py ANSWERS_JSON COMMAND...   Prints JSON: the prompts as seen, the output, the exit status.
"""
import json, os, pty, re, select, signal, sys, time

answers = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out, prompts, status = b'', [], None
deadline = time.time() + 60
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.3)
    if ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
        continue
    shown = re.sub(rb'\x1b\[[0-9;]*[A-Za-z]', b'', out).replace(b'\r', b'')
    if answers and shown.rstrip().endswith(b':'):
        prompts.append(shown.split(b'\n')[-1].decode())
        os.write(fd, answers.pop(0).encode() + b'\r')
if time.time() >= deadline:
    os.kill(pid, signal.SIGKILL)
try:
    _, code = os.waitpid(pid, 0)
    status = os.waitstatus_to_exitcode(code)
except ChildProcessError:
    pass
print(json.dumps({'prompts': prompts, 'output': out.decode(errors='replace').replace('\r', ''), 'status': status}))
