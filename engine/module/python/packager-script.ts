/**
 * The controller-side Python that packages a module, run with `python3 -c`: a JSON request on stdin
 * (`module_file`, `module_fqn`, `import_roots`, `module_utils_dirs`), the zip and what went into it on
 * stdout as JSON. Python's own `ast` finds the imports, so what counts as an import is exactly what the
 * host's Python will import. Imports of `ansible.module_utils.*` resolve in the given module_utils
 * directories, then in the controller's ansible-core; `ansible_collections.*` in the import roots
 * (directories holding an `ansible_collections/` tree). Entries are sorted and dated 1980-01-01, so the
 * same sources give the same bytes and the package's hash names it.
 */
export const PACKAGER_SCRIPT = String.raw`
import ast, base64, io, json, os, sys, zipfile

req = json.load(sys.stdin)
import ansible.release
core = os.path.dirname(ansible.release.__file__)
version = ansible.release.__version__

def fail(message):
    print(json.dumps({'error': message}))
    sys.exit(0)

def shortest(parts):
    """How many leading names of an import are the package that holds everything below it."""
    if parts[:2] == ['ansible', 'module_utils']:
        return 3
    if len(parts) >= 5 and parts[0] == 'ansible_collections' and parts[3:5] == ['plugins', 'module_utils']:
        return 5
    return None

def bases(parts):
    if parts[0] == 'ansible':
        return [(d, parts[2:]) for d in req['module_utils_dirs']] + [(os.path.join(core, 'module_utils'), parts[2:])]
    return [(os.path.join(r, *parts[:5]), parts[5:]) for r in req['import_roots']]

def locate(parts):
    """(source file or None for an empty package, is a package) of a dotted module name; None when absent."""
    for base, rest in bases(parts):
        path = os.path.join(base, *rest)
        if rest and os.path.isfile(path + '.py'):
            return path + '.py', False
        if os.path.isfile(os.path.join(path, '__init__.py')):
            return os.path.join(path, '__init__.py'), True
        if not rest and os.path.isdir(path):
            return None, True
    return None

def imports_of(source, name, is_pkg, origin):
    """(dotted parts, optional) of each import of module_utils, as Ansible's finder lists them: the module of
    "import a.b", each "a.b.c" of "from a.b import c" (c may be a module or a name inside a.b). An import
    nested in a statement (try, if, def) is optional: a missing one is left out, not an error."""
    try:
        tree = ast.parse(source, origin)
    except SyntaxError as e:
        fail('cannot parse %s: %s (line %s)' % (origin, e.msg, e.lineno))
    here = name.split('.') if is_pkg else name.split('.')[:-1]
    top = set(map(id, tree.body))
    found = []
    for node in ast.walk(tree):
        optional = id(node) not in top
        if isinstance(node, ast.Import):
            found.extend((a.name.split('.'), optional) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[:len(here) - node.level + 1] if node.level > 1 else here
                mod = base + (node.module.split('.') if node.module else [])
            else:
                mod = node.module.split('.') if node.module else []
            found.extend((mod + [a.name] if a.name != '*' else mod, optional) for a in node.names)
    return [(p, opt) for p, opt in found if shortest(p) and len(p) >= shortest(p)]

def candidates(parts):
    """The names Ansible says it looked for: "a.b.c" may be the name c inside module a.b, below module_utils."""
    below = len(parts) - shortest(parts) + 1
    return ['.'.join(parts), '.'.join(parts[:-1])] if below > 1 else ['.'.join(parts)]

files = {}
missing = []
queue = []

def add(parts, path, is_pkg):
    arc = '/'.join(parts) + ('/__init__.py' if is_pkg else '.py')
    if arc in files:
        return
    data = b''
    if path:
        with open(path, 'rb') as f:
            data = f.read()
    files[arc] = data
    queue.extend(imports_of(data, '.'.join(parts), is_pkg, path or arc))
    queue.extend((parts[:i], False) for i in range(shortest(parts), len(parts)))

with open(req['module_file'], 'rb') as f:
    module_source = f.read()
fqn = req['module_fqn'].split('.')
queue.extend(imports_of(module_source, '.'.join(fqn), False, req['module_file']))
# AnsibleModule reads its arguments through basic, which every new-style module imports.
queue.append((['ansible', 'module_utils', 'basic'], False))
while queue:
    parts, optional = queue.pop()
    # The longest prefix that is a module: "six.moves" lives inside six, "basic.AnsibleModule" inside basic.
    for n in range(len(parts), shortest(parts) - 1, -1):
        hit = locate(parts[:n])
        if hit:
            add(parts[:n], hit[0], hit[1])
            break
    else:
        if not optional:
            missing.append(parts)

if missing:
    # Ansible stops at the first missing import in sorted order, naming what it looked for as a Python list.
    fail('Could not find imported module support code for %s.  Looked for (%s)' % (req['module_fqn'], candidates(min(missing))))

# The ansible package and its module_utils come only from this zip, never from an ansible on the host.
files['ansible/__init__.py'] = ('__version__ = %r\n' % version).encode()
files['ansible/module_utils/__init__.py'] = b''
files['/'.join(fqn) + '.py'] = module_source
for arc in list(files):
    dirs = arc.split('/')[:-1]
    for i in range(1, len(dirs) + 1):
        files.setdefault('/'.join(dirs[:i]) + '/__init__.py', b'')

out = io.BytesIO()
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for arc in sorted(files):
        info = zipfile.ZipInfo(arc, (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, files[arc])
print(json.dumps({'zip': base64.b64encode(out.getvalue()).decode(), 'files': sorted(files), 'version': version, 'core': core}))
`;
