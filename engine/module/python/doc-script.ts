/**
 * The controller-side Python that reads Python modules' documentation, run with `python3 -c` and a JSON
 * request on stdin. `read` takes module files and answers, per file, DOCUMENTATION (with its
 * doc_fragments merged by ansible-core itself, as ansible-doc merges them), EXAMPLES, RETURN, the
 * module's literal `argument_spec` when it has no options documented, else what its source (and the
 * module_utils it imports) spells and marks required, to confirm the docs by; on request the text
 * ansible-doc prints. `list` answers every collection module's short description (`filter`: one
 * collection). The module files are parsed, never imported or run. Collections are found through
 * ANSIBLE_COLLECTIONS_PATH, which the caller sets to tsible's own collection search.
 */
export const DOC_SCRIPT = String.raw`
import ast, json, os, sys

req = json.load(sys.stdin)

def literal(node):
    """A spec value: literals and dict(...) calls; anything else is None (not knowable without running)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == 'dict' and not node.args:
        out = {}
        for kw in node.keywords:
            if kw.arg is None:
                raise ValueError('spread')
            out[kw.arg] = literal(kw.value)
        return out
    if isinstance(node, ast.Dict):
        out = {}
        for k, v in zip(node.keys, node.values):
            if k is None or not isinstance(k, ast.Constant) or not isinstance(k.value, str):
                raise ValueError('key')
            out[k.value] = literal(v)
        return out
    if isinstance(node, ast.Name) and node.id in ('str', 'int', 'bool', 'list', 'dict', 'float'):
        return node.id
    try:
        return ast.literal_eval(node)
    except Exception:
        return None

def argument_spec(path):
    """A literal argument_spec handed to AnsibleModule (directly or through one local name), else None."""
    try:
        with open(path, 'rb') as f:
            tree = ast.parse(f.read(), path)
    except Exception:
        return None
    assigned = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node.value)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func.id if isinstance(node.func, ast.Name) else node.func.attr if isinstance(node.func, ast.Attribute) else None
        if func != 'AnsibleModule':
            continue
        for kw in node.keywords:
            if kw.arg != 'argument_spec':
                continue
            value = kw.value
            if isinstance(value, ast.Name):
                values = assigned.get(value.id, [])
                if len(values) != 1:
                    return None
                value = values[0]
            try:
                spec = literal(value)
            except ValueError:
                return None
            return spec if isinstance(spec, dict) and all(isinstance(v, dict) for v in spec.values()) else None
    return None

def is_true(node):
    return isinstance(node, ast.Constant) and node.value is True

def evidence_of(tree, words, required):
    """Every name a file spells (strings, keyword names) and the options it marks required=True."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words.add(node.value)
        elif isinstance(node, ast.keyword) and node.arg:
            words.add(node.arg)
            if isinstance(node.value, ast.Call) and any(k.arg == 'required' and is_true(k.value) for k in node.value.keywords):
                required.add(node.arg)
        elif isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values):
                if isinstance(k, ast.Constant) and isinstance(v, ast.Dict) and any(isinstance(a, ast.Constant) and a.value == 'required' and is_true(b) for a, b in zip(v.keys, v.values)):
                    required.add(k.value)

def util_files(tree, path):
    """The module_utils files a module imports directly (ansible-core's, a collection's, relative ones)."""
    import ansible
    core = os.path.dirname(ansible.__file__)
    from ansible.utils.collection_loader import AnsibleCollectionConfig
    roots = AnsibleCollectionConfig.collection_paths
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            parts = os.path.dirname(path).split(os.sep)[:len(os.path.dirname(path).split(os.sep)) - node.level + 1] + (node.module or '').split('.')
            bases = [os.sep.join(parts)]
        else:
            mod = (node.module or '').split('.')
            if mod[:2] == ['ansible', 'module_utils']:
                bases = [os.path.join(core, *mod[1:])]
            elif mod[:1] == ['ansible_collections']:
                bases = [os.path.join(r, *mod) for r in roots]
            else:
                continue
        for base in bases:
            for cand in [base + '.py', os.path.join(base, '__init__.py')] + [os.path.join(base, a.name + '.py') for a in node.names]:
                if os.path.isfile(cand):
                    found.append(cand)
    return found

def evidence(path):
    words, required = set(), set()
    try:
        with open(path, 'rb') as f:
            tree = ast.parse(f.read(), path)
        evidence_of(tree, words, required)
        for util in util_files(tree, path):
            with open(util, 'rb') as f:
                evidence_of(ast.parse(f.read(), util), words, required)
    except Exception:
        return None
    return {'words': sorted(words), 'required': sorted(required)}

def setup():
    from ansible import context
    from ansible.module_utils.common.collections import ImmutableDict
    context.CLIARGS = ImmutableDict(type='module')
    from ansible.plugins.loader import fragment_loader
    return fragment_loader

def read(fragment_loader):
    from ansible.utils.plugin_docs import get_docstring
    out = {}
    for m in req['modules']:
        path, collection = m['file'], m.get('collection') or None
        try:
            doc, examples, returndocs, metadata = get_docstring(path, fragment_loader, collection_name=collection, plugin_type='module')
        except Exception as e:
            out[path] = {'error': '%s: %s' % (type(e).__name__, e)}
            continue
        entry = {'doc': doc, 'examples': examples, 'returndocs': returndocs}
        if (doc or {}).get('options'):
            entry['evidence'] = evidence(path)
        else:
            entry['argument_spec'] = argument_spec(path)
        if req.get('render') and doc:
            entry['text'] = render(m, dict(doc), examples, returndocs, metadata)
        out[path] = entry
    return out

def render(m, doc, examples, returndocs, metadata):
    from ansible.cli.doc import DocCLI
    from ansible.utils.display import Display
    Display().columns = req.get('columns') or 80
    doc['filename'] = m['file']
    doc['collection'] = m.get('collection') or ''
    doc['has_action'] = bool(m.get('has_action'))
    return DocCLI.format_plugin_doc(m['name'], 'module', doc, examples, returndocs, metadata)

def listing():
    from ansible.utils.collection_loader import AnsibleCollectionConfig
    roots = AnsibleCollectionConfig.collection_paths
    wanted = req.get('filter') or ''
    seen, out = set(), {}
    import ansible
    core = [(os.path.dirname(ansible.__file__), 'ansible.builtin')] if wanted in ('', 'ansible', 'ansible.builtin') else []
    for mods, name in core:
        for f in sorted(os.listdir(os.path.join(mods, 'modules'))):
            short = stub(os.path.join(mods, 'modules', f)) if f.endswith('.py') and not f.startswith('_') else ''
            if short:
                out['%s.%s' % (name, f[:-3])] = short
    for root in roots:
        base = os.path.join(root, 'ansible_collections')
        for ns in sorted(os.listdir(base)) if os.path.isdir(base) else []:
            for coll in sorted(os.listdir(os.path.join(base, ns))) if os.path.isdir(os.path.join(base, ns)) else []:
                name = '%s.%s' % (ns, coll)
                if name in seen or (wanted and name != wanted and not name.startswith(wanted + '.') and ns != wanted):
                    continue
                seen.add(name)
                mods = os.path.join(base, ns, coll, 'plugins', 'modules')
                for dirpath, dirs, files in os.walk(mods):
                    dirs.sort()
                    for f in sorted(files):
                        if not f.endswith('.py') or f.startswith('_') or f == '__init__.py':
                            continue
                        out['%s.%s' % (name, f[:-3])] = stub(os.path.join(dirpath, f))
    return out

def stub(path):
    from ansible.parsing.plugin_docs import read_docstub
    try:
        return str((read_docstub(path) or {}).get('short_description') or '')
    except Exception:
        return ''

try:
    loader = setup()
    result = read(loader) if req['op'] == 'read' else listing()
except ImportError as e:
    result = {'__error__': 'ansible-core cannot be imported by %s: %s' % (sys.executable, e)}
print(json.dumps(result, default=str))
`;
