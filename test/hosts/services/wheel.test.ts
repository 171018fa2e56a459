import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildWheel, findDistribution } from './wheel';

const PYTHON = '/usr/bin/python3';
const describePython = fs.existsSync(PYTHON) ? describe : describe.skip;

/** Opens the wheel with Python's zipfile and checks every RECORD line against the archive. */
const CHECK = `
import base64, csv, hashlib, io, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
record = [n for n in z.namelist() if n.endswith('.dist-info/RECORD')][0]
mismatched = []
for name, digest, size in csv.reader(io.StringIO(z.read(record).decode())):
    if name == record:
        continue
    data = z.read(name)
    want = 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    if digest != want or int(size) != len(data):
        mismatched.append(name)
modes = {i.filename: i.external_attr >> 16 & 0o777 for i in z.infolist()}
print(json.dumps({'bad': bad, 'names': sorted(z.namelist()), 'mismatched': mismatched, 'mode': modes['demo/tool.py'],
                  'metadata': z.read('Demo_Pkg-1.0.post1.dist-info/METADATA').decode(),
                  'wheel': z.read('Demo_Pkg-1.0.post1.dist-info/WHEEL').decode()}))
`;

describePython('repacking a Debian-installed distribution as a wheel', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wheel-'));
    const site = path.join(dir, 'usr', 'lib', 'python3', 'dist-packages');
    const files: Record<string, string> = {
      'demo/__init__.py': 'VALUE = 1\n',
      'demo/tool.py': '#!/usr/bin/python3\n',
      'demo/_speedups.cpython-311-x86_64-linux-gnu.so': 'ELF',
      'demo/__pycache__/__init__.cpython-311.pyc': 'cache',
      'Demo-Pkg-1.0.post1.egg-info/PKG-INFO':
        'Metadata-Version: 1.1\nName: Demo-Pkg\nVersion: 1.0.post1\nRequires-Dist: stripped\n\nLong text.\n',
      'Demo-Pkg-1.0.post1.egg-info/entry_points.txt': '[console_scripts]\ndemo = demo:main\n',
      'Demo-Pkg-1.0.post1.egg-info/requires.txt': '\n[async]\n',
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(site, name)), { recursive: true });
      fs.writeFileSync(path.join(site, name), text);
    }
    fs.chmodSync(path.join(site, 'demo/tool.py'), 0o755);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a valid py3-none-any wheel with RECORD hashes, given requirements, no byte code or .so', () => {
    const dist = findDistribution(dir)!;
    expect({ name: dist.name, version: dist.version }).toEqual({ name: 'Demo-Pkg', version: '1.0.post1' });
    const wheel = buildWheel(dist, ['Jinja2', 'click']);
    expect(wheel.filename).toBe('Demo_Pkg-1.0.post1-py3-none-any.whl');
    expect(wheel.dropped).toEqual(['demo/_speedups.cpython-311-x86_64-linux-gnu.so']);
    const file = path.join(dir, wheel.filename);
    fs.writeFileSync(file, wheel.data);
    const checked = JSON.parse(spawnSync(PYTHON, ['-c', CHECK, file], { encoding: 'utf8' }).stdout);
    expect(checked.bad).toBeNull();
    expect(checked.mismatched).toEqual([]);
    expect(checked.names).toEqual([
      'Demo_Pkg-1.0.post1.dist-info/METADATA', 'Demo_Pkg-1.0.post1.dist-info/RECORD',
      'Demo_Pkg-1.0.post1.dist-info/WHEEL', 'Demo_Pkg-1.0.post1.dist-info/entry_points.txt',
      'demo/__init__.py', 'demo/tool.py',
    ]);
    expect(checked.mode).toBe(0o755);
    expect(checked.metadata).toBe(
      'Metadata-Version: 2.1\nName: Demo-Pkg\nVersion: 1.0.post1\nRequires-Dist: Jinja2\nRequires-Dist: click\n' +
      '\nLong text.\n');
    expect(checked.wheel).toContain('Root-Is-Purelib: true\nTag: py3-none-any\n');
  }, 60_000);

  test('the same files give a byte-identical wheel', () => {
    const dist = findDistribution(dir)!;
    expect(buildWheel(dist, []).data.equals(buildWheel(dist, []).data)).toBe(true);
  }, 60_000);

  test('a package without Python files has no distribution', () => {
    expect(findDistribution(path.join(dir, 'nothing'))).toBeUndefined();
  }, 60_000);
});
