import { PY_LOAD_BECOME, PY_LOADER_LOCK, PY_REPLY_CHANNEL } from './json-lines-python';

/**
 * The Python side of Python connection plug-ins, run with `python3 -c`. Plug-ins are loaded by
 * ansible-core's own loader (plug-in dirs, collections, runtime.yml redirects) and configured through its
 * plug-in config, so a plug-in sees what it would see under ansible-playbook.
 *
 * `describe NAME DIRS_JSON`: prints what the executor must know before connecting (the variables the
 * plug-in reads its options from) and exits.
 * Without arguments: one JSON request per line on stdin, one JSON reply (or display event) per line on a
 * private copy of stdout. Each connection has a thread of its own, so a slow host holds up only itself;
 * a connection's requests run in order. Bytes travel as base64.
 */
export const PYTHON_CONNECTION_HOST = String.raw`
import base64, json, os, queue, re, sys, threading, traceback, uuid

${PY_REPLY_CHANNEL}

def send(msg):
    line = json.dumps(msg)
    with send_lock:
        reply_to.write(line + '\n')
        reply_to.flush()

from ansible import constants as C
from ansible.errors import AnsibleConnectionFailure, AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.utils.display import Display

# What a plug-in displays goes to tsible's output, by the connection that said it (none for no_log tasks).
def _verbose(self, msg, host=None, caplevel=2):
    send({'event': 'verbose', 'conn': getattr(current, 'conn', None), 'level': caplevel + 1, 'message': to_text(msg), 'host': host})

def _warning(self, msg, formatted=False):
    send({'event': 'warning', 'conn': getattr(current, 'conn', None), 'message': to_text(msg)})

def _display(self, msg, color=None, stderr=False, screen_only=False, log_only=False, newline=True):
    send({'event': 'verbose', 'conn': getattr(current, 'conn', None), 'level': 0, 'message': to_text(msg).rstrip('\n'), 'host': None})

Display.verbose = _verbose
Display.warning = _warning
Display.display = _display

from ansible.plugins.loader import add_all_plugin_dirs, become_loader, connection_loader
${PY_LOADER_LOCK}
${PY_LOAD_BECOME}
from ansible.utils.collection_loader import AnsibleCollectionConfig

seen_dirs = []

def use_dirs(dirs):
    # Where ansible-playbook looks: plug-in dirs beside the playbook and in roles, and their collections/.
    with dirs_lock:
        fresh = [d for d in dirs if d not in seen_dirs]
        if not fresh:
            return
        for d in fresh:
            add_all_plugin_dirs(d)
            seen_dirs.append(d)
        AnsibleCollectionConfig.playbook_paths = list(seen_dirs)

def describe(name, dirs):
    use_dirs(dirs)
    cls = connection_loader.get(name, class_only=True)
    if cls is None:
        return {'found': False}
    from ansible.plugins.loader import shell_loader
    shell_loader.get('sh')
    return {
        'found': True,
        # Modules in PowerShell first: a Windows connection (winrm, psrp).
        'windows': '.ps1' in (getattr(cls, 'module_implementation_preferences', None) or ()),
        'vars': C.config.get_plugin_vars('connection', cls._load_name),
        'shellVars': C.config.get_plugin_vars('shell', 'sh'),
    }

class Conn(object):
    def __init__(self, cid):
        self.cid = cid
        self.plugin = None
        self.requests = queue.Queue()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        current.conn = self.cid
        while True:
            req = self.requests.get()
            send(dict(answer(self, req), id=req['id']))
            if req['op'] == 'close':
                return

def answer(conn, req):
    try:
        return {'value': OPS[req['op']](conn, req)}
    except AnsibleConnectionFailure as e:
        return {'error': {'kind': 'unreachable', 'message': to_text(e)}}
    except AnsibleError as e:
        return {'error': {'kind': 'error', 'message': to_text(e)}}
    except Exception as e:
        return {'error': {'kind': 'exception', 'message': to_text(e), 'traceback': traceback.format_exc()}}

def op_open(conn, req):
    from ansible.playbook.play_context import PlayContext
    use_dirs(req['dirs'])
    Display().verbosity = req['verbosity']
    pc = PlayContext()
    for key, value in req['play'].items():
        setattr(pc, key, value)
    plugin = connection_loader.get(req['name'], pc, None, task_uuid=str(uuid.uuid4()), ansible_playbook_pid=str(req['pid']))
    if plugin is None:
        raise AnsibleError("the connection plugin '%s' was not found" % req['name'])
    plugin.set_options(task_keys=req['taskKeys'], var_options=req['vars'])
    plugin._shell.set_options(task_keys=req['taskKeys'], var_options=req['shellVars'])
    conn.plugin = plugin
    return None

def become_for(plugin, spec):
    if spec is None:
        return None
    become = load_become(spec)
    if getattr(become, 'require_tty', False) and not getattr(plugin, 'has_tty', False):
        raise AnsibleError("The '%s' connection does not provide a TTY which is required for the selected become plugin: %s." % (plugin._load_name, become.name))
    return become

def remote_user(plugin):
    try:
        return plugin.get_option('remote_user')
    except KeyError:
        return plugin._play_context.remote_user

def as_bytes(data):
    if data is None:
        return b''
    if isinstance(data, bytes):
        return data
    if isinstance(data, str):
        return data.encode('utf-8', 'surrogateescape')
    return b''.join(data.readlines())

def op_exec(conn, req):
    plugin = conn.plugin
    become = become_for(plugin, req.get('become'))
    # As Ansible's executor: the plug-in holds the task's become (or none), and a command is wrapped only
    # when it changes user.
    plugin.set_become_plugin(become)
    cmd = req['cmd']
    if become is not None:
        ruser, buser = remote_user(plugin), become.get_option('become_user')
        if C.BECOME_ALLOW_SAME_USER or buser != ruser or not any((ruser, buser)):
            cmd = become.build_become_command(cmd, plugin._shell)
    stdin = base64.b64decode(req['stdin']) if req.get('stdin') is not None else None
    rc, out, err = plugin.exec_command(cmd, in_data=stdin, sudoable=True)
    out = as_bytes(out)
    if out.strip().startswith(b'BECOME-SUCCESS-'):
        out = re.sub(rb'^((\r)?\n)?BECOME-SUCCESS.*(\r)?\n', b'', out)
    return {'rc': 0 if rc is None else rc, 'stdout': base64.b64encode(out).decode(), 'stderr': base64.b64encode(as_bytes(err)).decode()}

def op_put(conn, req):
    conn.plugin.put_file(req['src'], req['dest'])

def op_fetch(conn, req):
    conn.plugin.fetch_file(req['src'], req['dest'])

def op_close(conn, req):
    if conn.plugin is not None:
        conn.plugin.close()

OPS = {'open': op_open, 'exec': op_exec, 'put': op_put, 'fetch': op_fetch, 'close': op_close}

def main():
    if len(sys.argv) > 1 and sys.argv[1] == 'describe':
        try:
            result = describe(sys.argv[2], json.loads(sys.argv[3]))
        except Exception as e:
            result = {'error': to_text(e)}
        send(result)
        return
    conns = {}
    for line in sys.stdin:
        req = json.loads(line)
        conn = conns.get(req['conn'])
        if conn is None:
            conn = conns[req['conn']] = Conn(req['conn'])
        if req['op'] == 'close':
            del conns[req['conn']]
        conn.requests.put(req)

main()
`;
