/**
 * The Python side of the plug-in bridge, run with `python3 -c`: one JSON request per line on stdin, one
 * JSON reply per line on a private copy of stdout. Plug-ins that print go to stderr instead, so they
 * cannot break the protocol. Filter and test files are imported directly (their FilterModule/TestModule
 * classes are plain Python); lookups go through ansible-core's plug-in loader, since they read their
 * options through the documentation it parses.
 */
export const PYTHON_PLUGIN_HOST = String.raw`
import importlib.util, json, os, sys, zlib

reply_to = os.fdopen(os.dup(1), 'w')
os.dup2(2, 1)
sys.stdout = sys.stderr

tables = {}

def load(kind, path):
    key = (kind, path)
    if key not in tables:
        # Named as Ansible's loader names them, since a plug-in may look at its own __name__.
        base = os.path.splitext(os.path.basename(path))[0]
        name = 'ansible.plugins.%s.%d_%s' % (kind, zlib.crc32(path.encode()), base)
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        cls = getattr(mod, 'FilterModule' if kind == 'filter' else 'TestModule', None)
        table = {}
        try:
            if cls is not None:
                table = cls().filters() if kind == 'filter' else cls().tests()
        except Exception:
            # Ansible skips such a file without a word (at -vvvv only).
            table = {}
        tables[key] = dict((k, v) for k, v in table.items() if '.' not in k)
    return tables[key]

lookup_state = {}
collections_state = {}
warnings = []

def use_collections(playbook_dirs):
    # Importing the loader installs Ansible's collection finder on the configured paths; the playbooks'
    # collections/ directories come first, as ansible-playbook sets them.
    if 'ready' not in collections_state:
        import ansible.plugins.loader
        from ansible.utils.display import Display
        # ansible-core's own warnings (a collection plug-in file that fails to load) go back with the
        # reply, to be shown as tsible shows its warnings.
        Display.warning = lambda self, msg, formatted=False: warnings.append(msg)
        from ansible.utils.collection_loader import AnsibleCollectionConfig
        AnsibleCollectionConfig.playbook_paths = playbook_dirs
        collections_state['ready'] = True

collection_functions = {}

def collection_function(kind, name, playbook_dirs):
    # ansible-core's loader follows the collection's runtime.yml routing and warns as Ansible does.
    key = (kind, name)
    if key not in collection_functions:
        use_collections(playbook_dirs)
        from ansible.plugins.loader import filter_loader, test_loader
        try:
            plugin = (filter_loader if kind == 'filter' else test_loader).get(name)
        except KeyError:
            plugin = None
        collection_functions[key] = plugin.j2_function if plugin else None
    return collection_functions[key]

def has_collection_plugin(req):
    if req['kind'] == 'lookup':
        use_collections(req['playbook_dirs'])
        from ansible.plugins.loader import lookup_loader
        return lookup_loader.has_plugin(req['name'])
    return collection_function(req['kind'], req['name'], req['playbook_dirs']) is not None

def lookup(req):
    from ansible.parsing.dataloader import DataLoader
    from ansible.plugins.loader import lookup_loader
    from ansible.template import Templar
    if 'playbook_dirs' in req:
        use_collections(req['playbook_dirs'])
    for d in req['dirs']:
        if d not in lookup_state:
            lookup_loader.add_directory(d)
            lookup_state[d] = True
    variables = req['variables']
    loader = DataLoader()
    plugin = lookup_loader.get(req['name'], loader=loader, templar=Templar(loader=loader, variables=variables))
    if plugin is None:
        raise LookupError('lookup plugin (%s) not found' % req['name'])
    return plugin.run(req['terms'], variables=variables, **req['kwargs'])

def wire(o):
    # Tuples are tagged so that they print back as tuples; what JSON has no type for goes as text.
    if isinstance(o, (str, bool, int, float)) or o is None:
        return o
    if isinstance(o, tuple):
        return {'__tuple__': [wire(x) for x in o]}
    if isinstance(o, bytes):
        return o.decode('utf-8', 'replace')
    if hasattr(o, 'items'):
        return dict((k if isinstance(k, str) else str(k), wire(v)) for k, v in o.items())
    if hasattr(o, '__iter__'):
        return [wire(x) for x in o]
    return str(o)

def handle(req):
    op = req['op']
    if op == 'load':
        return sorted(load(req['kind'], req['path']).keys())
    if op == 'has':
        return has_collection_plugin(req)
    if op == 'call':
        fn = collection_function(req['kind'], req['name'], req['playbook_dirs']) if 'playbook_dirs' in req else load(req['kind'], req['path'])[req['name']]
        return fn(req['input'], *req['args'], **req['kwargs'])
    if op == 'lookup':
        return lookup(req)
    raise ValueError('unknown request %r' % op)

for line in sys.stdin:
    try:
        out = {'value': handle(json.loads(line)), 'warnings': warnings}
        text = json.dumps(wire(out))
    except Exception as e:
        text = json.dumps({'error': {'type': type(e).__name__, 'message': str(e)}, 'warnings': warnings})
    del warnings[:]
    reply_to.write(text + '\n')
    reply_to.flush()
`;
