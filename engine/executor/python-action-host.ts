import { PY_LOAD_BECOME, PY_LOADER_LOCK, PY_REPLY_CHANNEL } from '../connection/json-lines-python';

/**
 * The Python side of Python action plug-ins, run with `python3 -c`. A plug-in is loaded by ansible-core's
 * own action loader (plug-in dirs, collections, ansible-core's own actions) and made as Ansible's executor
 * makes it: a Task, a PlayContext, a DataLoader, a Templar with the task's variables, and
 * `ansible.plugins.loader` as its shared loader object. Its connection is a shim whose exec_command,
 * put_file and fetch_file ask tsible, which runs them on the host through the task's own connection, so
 * ActionBase's module execution, remote tmp and file transfer work unchanged.
 *
 * One JSON message per line each way. tsible sends `run` requests (each served in a thread of its own, so
 * hosts run side by side) and `reply` messages answering the shim's calls; Python sends the shim's calls
 * (`call` ids), display events and each run's result (`id`). Bytes travel as base64; values tsible holds
 * as unsafe arrive as AnsibleUnsafe (`__ansible_unsafe`), so nothing a host said is templated again.
 */
export const PYTHON_ACTION_HOST = String.raw`
import base64, itertools, json, os, queue, sys, threading, traceback

${PY_REPLY_CHANNEL}

def wire(o):
    if isinstance(o, (str, bool, int, float)) or o is None:
        return o
    if isinstance(o, bytes):
        return o.decode('utf-8', 'replace')
    if hasattr(o, 'items'):
        return dict((k if isinstance(k, str) else str(k), wire(v)) for k, v in o.items())
    if isinstance(o, (list, tuple, set, frozenset)):
        return [wire(x) for x in o]
    return str(o)

def send(msg):
    line = json.dumps(wire(msg))
    with send_lock:
        reply_to.write(line + '\n')
        reply_to.flush()

from ansible import constants as C
from ansible.errors import AnsibleActionFail, AnsibleActionSkip, AnsibleConnectionFailure, AnsibleError
from ansible.module_utils.common.text.converters import to_bytes, to_native, to_text
from ansible.parsing.ajson import AnsibleJSONDecoder
from ansible.utils.display import Display

def _event(kind, **fields):
    send(dict(fields, event=kind, run=getattr(current, 'run', None)))

# What a plug-in displays goes to tsible's output, for the task run that said it.
Display.verbose = lambda self, msg, host=None, caplevel=2: _event('verbose', level=caplevel + 1, message=to_text(msg), host=host)
Display.warning = lambda self, msg, formatted=False: _event('warning', message=to_text(msg))
Display.display = lambda self, msg, color=None, stderr=False, screen_only=False, log_only=False, newline=True: _event('verbose', level=0, message=to_text(msg).rstrip('\n'), host=None)

import ansible.plugins.loader as plugin_loader
from ansible.plugins.connection import ConnectionBase

${PY_LOADER_LOCK}
${PY_LOAD_BECOME}
from ansible.utils.collection_loader import AnsibleCollectionConfig

seen_dirs = []
seen_libraries = []

def use_dirs(dirs, libraries):
    # Where ansible-playbook looks: plug-in dirs beside the playbook and in roles, and their collections/.
    with dirs_lock:
        for d in dirs:
            if d not in seen_dirs:
                plugin_loader.add_all_plugin_dirs(d)
                seen_dirs.append(d)
        for d in libraries:
            if d not in seen_libraries:
                plugin_loader.module_loader.add_directory(d)
                seen_libraries.append(d)
        AnsibleCollectionConfig.playbook_paths = list(seen_dirs)

calls = itertools.count(1)
waiting = {}

def ask_tsible(op, **fields):
    # The run's thread waits for tsible's answer; other runs go on meanwhile.
    cid = next(calls)
    answer = queue.Queue(1)
    waiting[cid] = answer
    send(dict(fields, call=cid, run=current.run, op=op))
    reply = answer.get()
    error = reply.get('error')
    if error is not None:
        if error.get('kind') == 'unreachable':
            raise AnsibleConnectionFailure(error['message'])
        raise AnsibleError(error['message'])
    return reply.get('value')

class TsibleConnection(ConnectionBase):
    ''' the task's own connection in tsible: commands and files go back to it '''

    has_pipelining = True

    def __init__(self, play_context, transport, shell=None):
        self._transport = transport
        super(TsibleConnection, self).__init__(play_context, None, shell=shell)
        self._load_name = 'tsible'

    @property
    def transport(self):
        return self._transport

    def _connect(self):
        return self

    def exec_command(self, cmd, in_data=None, sudoable=True):
        # become is tsible's: a command ActionBase wrapped for it (see marking_become) runs with the task's.
        become = getattr(current, 'become_next', False)
        current.become_next = False
        stdin = None if in_data is None else base64.b64encode(to_bytes(in_data)).decode()
        r = ask_tsible('exec', cmd=to_text(cmd, errors='surrogate_or_strict'), stdin=stdin, become=become)
        return r['rc'], base64.b64decode(r['stdout']), base64.b64decode(r['stderr'])

    def put_file(self, in_path, out_path):
        ask_tsible('put', src=to_text(in_path), dest=to_text(out_path))

    def fetch_file(self, in_path, out_path):
        ask_tsible('fetch', src=to_text(in_path), dest=to_text(out_path))

    def close(self):
        self._connected = False

def marking_become(become):
    # ActionBase asks the become plug-in to wrap a command it runs as the become user; tsible's connection
    # does the wrapping (and the password prompt), so the command is only marked for it.
    def build_become_command(cmd, shell):
        current.become_next = True
        return cmd
    become.build_become_command = build_become_command
    return become

def plugin_options(plugin_type, name, variables):
    names = C.config.get_plugin_vars(plugin_type, name)
    return dict((k, variables[k]) for k in names if k in variables)

def make_connection(req, pc, variables):
    shell = None
    transport = req['transport']
    plugin = req.get('connectionPlugin')
    if plugin:
        # A Python connection plug-in chooses its shell itself (its _shell_type) when the variables do not.
        real = plugin_loader.connection_loader.get(plugin, pc, None)
        if real is not None:
            shell = real._shell
            transport = real.transport
    conn = TsibleConnection(pc, transport, shell=shell)
    conn._shell.set_options(var_options=plugin_options('shell', conn._shell._load_name, variables))
    spec = req.get('become')
    if spec:
        options_for = lambda become: plugin_options('become', become._load_name, variables)
        conn.set_become_plugin(marking_become(load_become(spec, options_for)))
    return conn

def make_task(req):
    from ansible.playbook.task import Task
    task = Task()
    task.action = req['action']
    task.resolved_action = req['resolved']
    task.args = req['args']
    task.check_mode = req['check']
    task.diff = req['diff']
    task.no_log = req['noLog']
    task.async_val = req['async']
    task.poll = req['poll']
    task.become = req.get('become') is not None
    task.environment = [req['environment']] if req.get('environment') else []
    task.delegate_to = req.get('delegateTo')
    task.collections = req['collections'] or None
    search = list(req['searchPaths'])
    task.get_search_path = lambda: list(search)
    return task

def make_play_context(req, task):
    from ansible.playbook.play_context import PlayContext
    pc = PlayContext()
    pc.remote_addr = req['remoteAddr']
    pc.remote_user = req['remoteUser']
    pc.connection = req['transport']
    pc.check_mode = req['check']
    pc.diff = req['diff']
    pc.no_log = req['noLog']
    pc.pipelining = req['pipelining']
    pc.executable = req['executable']
    pc.shell = req.get('shellType')
    spec = req.get('become')
    pc.become = spec is not None
    if spec:
        pc.become_method = spec['method']
        pc.become_user = spec['user']
    return pc

def run_action(req):
    from ansible.parsing.dataloader import DataLoader
    from ansible.template import Templar
    use_dirs(req['dirs'], req['libraries'])
    variables = req['vars']
    loader = DataLoader()
    loader.set_basedir(req['basedir'])
    task = make_task(req)
    pc = make_play_context(req, task)
    templar = Templar(loader=loader, variables=variables)
    conn = make_connection(req, pc, variables)
    handler = plugin_loader.action_loader.get(req['action'], task=task, connection=conn, play_context=pc, loader=loader,
                                              templar=templar, shared_loader_obj=plugin_loader, collection_list=task.collections)
    if handler is None:
        raise AnsibleError("the action plugin '%s' was not found" % req['action'])
    try:
        result = handler.run(task_vars=variables)
    except (AnsibleActionFail, AnsibleActionSkip) as e:
        return e.result
    except AnsibleConnectionFailure as e:
        return dict(unreachable=True, msg=to_text(e))
    finally:
        handler.cleanup()
    result['_ansible_no_log'] = bool(req['noLog'] or result.get('_ansible_no_log', False))
    return result

def serve(req):
    current.run = req['id']
    current.become_next = False
    # As Ansible's TaskExecutor words what escapes the plug-in.
    try:
        value = run_action(req)
    except AnsibleConnectionFailure as e:
        value = dict(unreachable=True, msg=to_text(e))
    except AnsibleError as e:
        value = dict(failed=True, msg=to_text(e, nonstring='simplerepr'), _ansible_no_log=req['noLog'])
    except Exception as e:
        value = dict(failed=True, msg='Unexpected failure during module execution: %s' % to_native(e, nonstring='simplerepr'),
                     exception=to_text(traceback.format_exc()), stdout='', _ansible_no_log=req['noLog'])
    send({'id': req['id'], 'value': value})

def main():
    for line in sys.stdin:
        req = json.loads(line, cls=AnsibleJSONDecoder)
        if req['op'] == 'reply':
            waiting.pop(req['call']).put(req)
        else:
            Display().verbosity = req['verbosity']
            threading.Thread(target=serve, args=(req,), daemon=True).start()

main()
`;
