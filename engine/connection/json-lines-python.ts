import { ChildProcessWithoutNullStreams, spawn } from 'child_process';

/**
 * The start of every plug-in host script (after its imports): replies go to a private copy of stdout, so
 * what plug-ins print lands on stderr; `send_lock` keeps threads' replies whole, `dirs_lock` guards
 * ansible-core's plug-in path lists, `current` holds what the running thread serves.
 */
export const PY_REPLY_CHANNEL = String.raw`
reply_to = os.fdopen(os.dup(1), 'w')
os.dup2(2, 1)
sys.stdout = sys.stderr
send_lock = threading.Lock()
dirs_lock = threading.Lock()
current = threading.local()
`;

/**
 * ansible-core's plug-in loader is not thread-safe: a thread asking for a plug-in while another is still
 * importing it gets the half-imported module from sys.modules (no ActionModule or Connection yet). The
 * hosts serve runs and connections in threads, so loading is one at a time (re-entrant: a plug-in may load
 * another as it is imported). Goes after the host's ansible imports.
 */
export const PY_LOADER_LOCK = String.raw`
import ansible.plugins.loader as _loader_module
_load_lock = threading.RLock()
_get_with_context = _loader_module.PluginLoader.get_with_context

def _locked_get_with_context(self, *args, **kwargs):
    with _load_lock:
        return _get_with_context(self, *args, **kwargs)

_loader_module.PluginLoader.get_with_context = _locked_get_with_context
`;

/**
 * `load_become(spec, options_for)`: the become plug-in a task's become (method, user, password, flags)
 * asks for, configured as Ansible's executor configures it, or Ansible's error for an unknown method.
 * Goes after the host's ansible imports.
 */
export const PY_LOAD_BECOME = String.raw`
def load_become(spec, options_for=lambda become: None):
    from ansible.plugins.loader import become_loader as _become_loader
    become = _become_loader.get(spec['method'])
    if become is None:
        raise AnsibleError("Invalid become method specified, could not find matching plugin: '%s'." % spec['method'])
    direct = {'become_user': spec['user']}
    for key, option in (('password', 'become_pass'), ('flags', 'become_flags')):
        if spec.get(key) is not None:
            direct[option] = spec[key]
    become.set_options(var_options=options_for(become), direct=direct)
    return become
`;

/** A python3 serving a tsible plug-in host: one JSON message per line each way. */
export interface JsonLinesPython {
  child: ChildProcessWithoutNullStreams;
  /** Keeps the run alive (busy) or lets it end while Python idles. */
  holdOpen(busy: boolean): void;
}

/**
 * Starts `script` with `python`; each line it prints is handed to `receive` as parsed JSON. `die` hears
 * why it stopped, with the end of what it printed on stderr (which says why Python died, when it does).
 */
export function startJsonLinesPython<M>(python: string, script: string, role: string, receive: (msg: M) => void, die: (why: string) => void): JsonLinesPython {
  const child = spawn(python, ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    buffer += d;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      receive(JSON.parse(buffer.slice(0, nl)) as M);
      buffer = buffer.slice(nl + 1);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr = (stderr + d).slice(-8192);
  });
  const withStderr = (why: string) => die(`${why}${stderr.trim() ? `: ${stderr.trim()}` : ''}`);
  child.on('error', (e) => withStderr(`could not start ${python} (${e.message})`));
  child.on('exit', (code, signal) => withStderr(`${python} running the ${role} exited (${signal ?? code})`));
  child.stdin.on('error', () => undefined);
  const holdOpen = (busy: boolean) => {
    for (const s of [child.stdout, child.stderr, child.stdin] as unknown as { ref(): void; unref(): void }[]) {
      if (busy) s.ref();
      else s.unref();
    }
    if (busy) child.ref();
    else child.unref();
  };
  holdOpen(false);
  return { child, holdOpen };
}
