/**
 * The program that runs an async job on the host, with the host's Python (async needs Python there, as in
 * Ansible). Arguments: the job id, the seconds after which it is killed (see killAfter) and the async dir;
 * on stdin a JSON spec: `command` (shell text run with /bin/sh), `stdin` (text for it, or null), `shape`
 * ("module": its stdout is a module's JSON; "command": the command module's result is made from rc,
 * output and times), `fixed` (keys the result always has, as `cmd`) and `strip` (strip_empty_ends).
 *
 * It writes `<dir>/<jid>` as Ansible's jobs are written (first `{"started": 1, "finished": 0, …}`, then the
 * result; when killed, `{"msg": "Timeout exceeded", "failed": true, …}`, the job's process group killed),
 * detaches the job from the connection (its own session, no inherited descriptors) and prints the started
 * record once that file is there. Records are replaced whole (written aside, then renamed), so a reader
 * never sees half of one.
 */
export const ASYNC_WRAPPER = String.raw`
import datetime, json, os, signal, subprocess, sys

jid, kill_after, adir = sys.argv[1], int(sys.argv[2]), os.path.expanduser(sys.argv[3])
spec = json.loads(sys.stdin.read())
path = os.path.join(adir, jid)

def write(data):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(json.dumps(data))
    os.rename(tmp, path)

def module_result(out, err):
    lines = out.splitlines()
    first = next((i for i, l in enumerate(lines) if l.lstrip().startswith(('{', '['))), None)
    if first is None:
        raise ValueError('no JSON object in the output')
    last = max(i for i in range(first, len(lines)) if lines[i].rstrip().endswith(('}', ']')))
    result = json.loads('\n'.join(lines[first:last + 1]))
    junk = lines[last + 1:]
    if any(l.strip() for l in junk):
        warnings = result.get('warnings', [])
        if not isinstance(warnings, list):
            warnings = [warnings]
        result['warnings'] = warnings + ['Module invocation had junk after the JSON data: ' + '\n'.join(junk)]
    if err:
        result['stderr'] = err
    return result

def pytime(d):
    return d.strftime('%Y-%m-%d %H:%M:%S.%f')

def command_result(rc, out, err, start, end):
    if spec.get('strip'):
        out, err = out.rstrip('\r\n'), err.rstrip('\r\n')
    result = dict(spec.get('fixed') or {}, rc=rc, stdout=out, stderr=err, start=pytime(start), end=pytime(end), delta=str(end - start), changed=True)
    result['msg'] = 'non-zero return code' if rc else ''
    if rc:
        result['failed'] = True
    return result

def run():
    given = spec.get('stdin')
    start = datetime.datetime.now()
    proc = subprocess.Popen(['/bin/sh', '-c', spec['command']], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(None if given is None else given.encode('utf-8', 'surrogateescape'), timeout=kill_after)
    except subprocess.TimeoutExpired:
        write({'msg': 'Timeout exceeded', 'failed': True, 'child_pid': proc.pid, 'ansible_job_id': jid})
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        return
    end = datetime.datetime.now()
    out, err = out.decode('utf-8', 'surrogateescape'), err.decode('utf-8', 'surrogateescape')
    try:
        result = command_result(proc.returncode, out, err, start, end) if spec['shape'] == 'command' else module_result(out, err)
    except Exception as e:
        result = {'failed': 1, 'cmd': spec['command'], 'data': out, 'stderr': err, 'msg': 'cannot read the module output: %s' % e}
    result['ansible_job_id'] = jid
    write(result)

if not os.path.isdir(adir):
    os.makedirs(adir)
write({'started': 1, 'finished': 0, 'ansible_job_id': jid})
sys.stdout.flush()
child = os.fork()
if child:
    os.waitpid(child, 0)
    print(json.dumps({'failed': 0, 'started': 1, 'finished': 0, 'ansible_job_id': jid, 'results_file': path, 'changed': True}))
    sys.exit(0)
os.setsid()
if os.fork():
    os._exit(0)
null = os.open(os.devnull, os.O_RDWR)
for fd in (0, 1, 2):
    os.dup2(null, fd)
try:
    run()
finally:
    os._exit(0)
`;
