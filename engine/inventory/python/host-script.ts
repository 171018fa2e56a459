/**
 * The Python side of running Ansible's own inventory and vars plug-ins on the controller, run with
 * `python3 -c` through a PythonBridge: one JSON request per line on stdin, one JSON reply per line on a
 * private copy of stdout (plug-ins that print go to stderr). Plug-ins are loaded by ansible-core's own
 * loaders, so they find their options (YAML source, ansible.cfg, environment) and their cache plug-ins
 * exactly as under Ansible; this process inherits the run's environment and working directory.
 * Warnings and deprecations are collected and returned with each reply for tsible to print.
 */
export const INVENTORY_PLUGIN_HOST = String.raw`
import json, os, sys, textwrap

reply_to = os.fdopen(os.dup(1), 'w')
os.dup2(2, 1)
sys.stdout = sys.stderr

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.inventory.group import Group
from ansible.inventory.host import Host
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import add_all_plugin_dirs, inventory_loader
from ansible.utils.collection_loader import AnsibleCollectionConfig
from ansible.utils.display import Display
from ansible.utils.unsafe_proxy import AnsibleUnsafe
from ansible.vars.plugins import get_vars_from_path

notes = []
noted = set()

def note(kind, text):
    if (kind, text) not in noted:
        noted.add((kind, text))
        notes.append({'kind': kind, 'text': text})

def on_warning(self, msg, formatted=False):
    note('warning', msg)

def on_deprecated(self, msg, version=None, removed=False, date=None, collection_name=None):
    if not removed and not C.DEPRECATION_WARNINGS:
        return
    text = self.get_deprecation_message(msg, version=version, removed=removed, date=date, collection_name=collection_name)
    if removed:
        raise AnsibleError(text)
    note('deprecation', '\n'.join(textwrap.wrap(text, self.columns, drop_whitespace=False)))

Display.warning = on_warning
Display.deprecated = on_deprecated

basedirs = set()

def use_basedir(path):
    # As the CLI does with its playbook directory: its inventory_plugins/, vars_plugins/ (and the rest) are searched first.
    if path and path not in basedirs:
        basedirs.add(path)
        add_all_plugin_dirs(path)
        # Its collections/ too, as the CLI makes it a playbook path.
        AnsibleCollectionConfig.playbook_paths = sorted(basedirs)

def wire(o):
    # Unsafe text is tagged so that tsible keeps it from being templated; what JSON has no type for goes as text.
    if isinstance(o, AnsibleUnsafe) and isinstance(o, (str, bytes)):
        return {'__ansible_unsafe': o.decode('utf-8', 'replace') if isinstance(o, bytes) else str(o)}
    if isinstance(o, (str, bool, int, float)) or o is None:
        return o
    if isinstance(o, bytes):
        return o.decode('utf-8', 'replace')
    if hasattr(o, 'items'):
        return dict((k if isinstance(k, str) else str(k), wire(v)) for k, v in o.items())
    if hasattr(o, '__iter__'):
        return [wire(x) for x in o]
    return str(o)

def build(state):
    inv = InventoryData()
    for g in state['groups']:
        inv.add_group(g['name'])
    for h in state['hosts']:
        inv.current_source = h['source']
        inv.add_host(h['name'])
        for k, v in h['vars'].items():
            inv.set_variable(h['name'], k, v)
    inv.current_source = None
    for g in state['groups']:
        group = inv.groups[g['name']]
        for k, v in g['vars'].items():
            group.set_variable(k, v)
        if g['priority'] is not None:
            group.set_priority(g['priority'])
        for child in g['children']:
            inv.add_child(g['name'], child)
        for host in g['hosts']:
            inv.add_child(g['name'], host)
    return inv

def dump(inv):
    hidden = ('inventory_file', 'inventory_dir')
    return {
        'groups': [{
            'name': g.name,
            'vars': wire(g.vars),
            'priority': g.priority,
            'children': [c.name for c in g.child_groups],
            'hosts': [h.name for h in g.hosts],
        } for g in inv.groups.values()],
        'hosts': [{'name': h.name, 'vars': wire(dict((k, v) for k, v in h.vars.items() if k not in hidden))} for h in inv.hosts.values()],
    }

def parse(req):
    use_basedir(req['basedir'])
    name = req['plugin']
    plugin = inventory_loader.get(name)
    if plugin is None:
        return {'missing': True}
    path = req['path']
    if not plugin.verify_file(path):
        raise AnsibleError("inventory source '%s' could not be verified by inventory plugin '%s'" % (path, name))
    inv = build(req['inventory'])
    inv.current_source = path
    plugin.parse(inv, DataLoader(), path, cache=req['cache'])
    try:
        plugin.update_cache_if_changed()
    except AttributeError:
        # A plug-in without Cacheable has nothing to write.
        pass
    return {'inventory': dump(inv)}

def vars_of(req):
    use_basedir(req['basedir'])
    # host_group_vars is tsible's own; only the other plug-ins run here, with Ansible's rules for which run.
    C.VARIABLE_PLUGINS_ENABLED = [n for n in C.VARIABLE_PLUGINS_ENABLED if n not in ('host_group_vars', 'ansible.builtin.host_group_vars', 'ansible.legacy.host_group_vars')]
    loader = DataLoader()
    out = {}
    for kind, make in (('groups', Group), ('hosts', Host)):
        found = {}
        for name in req[kind]:
            data = get_vars_from_path(loader, req['path'], [make(name)], req['stage'])
            if data:
                found[name] = wire(data)
        out[kind] = found
    return out

def handle(req):
    if req['op'] == 'parse':
        return parse(req)
    if req['op'] == 'vars':
        return vars_of(req)
    raise ValueError('unknown request %r' % req['op'])

for line in sys.stdin:
    try:
        value = handle(json.loads(line))
        text = json.dumps({'value': value, 'notes': notes})
    except Exception as e:
        text = json.dumps({'error': {'type': type(e).__name__, 'message': str(e)}, 'notes': notes})
    del notes[:]
    reply_to.write(text + '\n')
    reply_to.flush()
`;
