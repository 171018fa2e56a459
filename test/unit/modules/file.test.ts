import { mkdtempSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import file from '../../../modules/file';
import { testModule } from './module-tester';

testModule(file, [
  {
    name: '_diff_peek reports a file with a NUL byte as binary and changes nothing',
    args: { path: '@T/bin', _diff_peek: true, mode: '0600' },
    files: { bin: 'ab\u0000cd' },
    expect: { changed: false, result: { path: '@T/bin', appears_binary: true }, files: { bin: { content: 'ab\u0000cd', mode: 0o644 } } },
  },
  {
    name: '_diff_peek (even false) reports a text file as not binary',
    args: { path: '@T/text', _diff_peek: false },
    files: { text: 'a\nb\n' },
    expect: { changed: false, result: { appears_binary: false } },
  },
  {
    name: 'a leading ~name is expanded on the host',
    args: { path: '~root/', state: 'directory' },
    expect: { changed: false, result: { path: '/root/' } },
  },
  {
    name: '_diff_peek on a missing file is not binary',
    args: { path: '@T/nope', _diff_peek: true },
    expect: { changed: false, result: { appears_binary: false }, files: { nope: null } },
  },
  {
    name: 'creates a directory with parents and mode',
    args: { path: '@T/a/b', state: 'directory', mode: '0750' },
    expect: {
      changed: true,
      result: { path: '@T/a/b', state: 'directory', mode: '0750', diff: { before: { path: '@T/a/b', state: 'absent', mode: '0755' }, after: { path: '@T/a/b', state: 'directory', mode: '0750' } } },
      files: { a: { type: 'dir', mode: 0o750 }, 'a/b': { type: 'dir', mode: 0o750 } },
    },
  },
  { name: 'existing directory is ok', args: { path: '@T/d', state: 'directory' }, files: { d: { dir: true } }, expect: { changed: false } },
  {
    name: 'directory over a file fails',
    args: { path: '@T/f', state: 'directory' },
    files: { f: 'x' },
    expect: { failed: true, msg: '@T/f already exists as a file' },
  },
  {
    name: 'sets the mode of a file (dest alias)',
    args: { dest: '@T/f', mode: '0600' },
    files: { f: { content: 'x', mode: 0o644 } },
    expect: { changed: true, result: { path: '@T/f', mode: '0600', diff: { before: { path: '@T/f', mode: '0644' }, after: { path: '@T/f', mode: '0600' } } }, files: { f: { mode: 0o600 } } },
  },
  {
    name: 'state=file on a missing path fails as Ansible does',
    args: { path: '@T/nope', mode: '0644' },
    expect: { failed: true, msg: 'file (@T/nope) is absent, cannot continue', result: { state: 'absent' } },
  },
  {
    name: 'touch creates an empty file',
    args: { path: '@T/t', state: 'touch' },
    expect: { changed: true, result: { dest: '@T/t', state: 'file', size: 0 }, files: { t: '' } },
  },
  {
    name: 'symlink',
    args: { path: '@T/l', src: '@T/f', state: 'link' },
    files: { f: 'x' },
    expect: { changed: true, result: { dest: '@T/l', state: 'link' }, files: { l: { type: 'link', link: '@T/f' } } },
  },
  {
    name: 'symlink already right',
    args: { path: '@T/l', src: '@T/f', state: 'link' },
    files: { f: 'x', l: { link: '@T/f' } },
    expect: { changed: false },
  },
  {
    name: 'a symlink given a new target reports the old and new src in its diff, not a state change',
    args: { path: '@T/l', src: 'f', state: 'link' },
    files: { f: 'x', l: { link: '@T/f' } },
    expect: {
      changed: true,
      result: { dest: '@T/l', src: 'f', diff: { before: { path: '@T/l', src: '@T/f' }, after: { path: '@T/l', src: 'f' } } },
      files: { l: { type: 'link', link: 'f' } },
    },
  },
  {
    name: 'state=link without src keeps an existing link and sets its own mode',
    args: { path: '@T/l', state: 'link', mode: '0600', follow: false },
    files: { f: { content: 'x', mode: 0o644 }, l: { link: 'f' } },
    expect: { result: { dest: '@T/l' }, files: { f: { content: 'x', mode: 0o644 }, l: { type: 'link', link: 'f' } } },
  },
  {
    name: 'state=link without src cannot create a link',
    args: { path: '@T/l', state: 'link' },
    expect: { failed: true, msg: 'src is required for creating new symlinks' },
  },
  {
    name: 'symlink refuses to replace a file',
    args: { path: '@T/l', src: '@T/f', state: 'link' },
    files: { f: 'x', l: 'y' },
    expect: { failed: true, msg: /refusing to convert from file to symlink/ },
  },
  {
    name: 'symlink to a missing src needs force',
    args: { path: '@T/l', src: '@T/missing', state: 'link' },
    expect: { failed: true, msg: /src file does not exist/ },
  },
  {
    name: 'hard link',
    args: { path: '@T/h', src: '@T/f', state: 'hard' },
    files: { f: 'x' },
    expect: { changed: true, files: { h: 'x' } },
  },
  {
    name: 'absent removes a tree',
    args: { path: '@T/d', state: 'absent' },
    files: { 'd/x': 'x' },
    expect: { changed: true, result: { path: '@T/d', state: 'absent' }, files: { d: null, 'd/x': null } },
  },
  { name: 'absent on nothing is ok', args: { path: '@T/nothing', state: 'absent' }, expect: { changed: false, result: { state: 'absent' } } },
  {
    name: 'recurse sets the mode below a directory',
    args: { path: '@T/d', state: 'directory', recurse: true, mode: 'u=rwX,g=rX,o=' },
    files: { 'd/x': { content: 'x', mode: 0o666 }, d: { dir: true, mode: 0o777 } },
    expect: { changed: true, files: { d: { mode: 0o750 }, 'd/x': { mode: 0o640 } } },
  },
  {
    name: 'recurse without state=directory fails',
    args: { path: '@T/f', recurse: true },
    files: { f: 'x' },
    expect: { failed: true, msg: 'recurse option requires state to be directory' },
  },
  {
    name: 'touch with preserved times leaves an existing file alone',
    args: { path: '@T/f', state: 'touch', access_time: 'preserve', modification_time: 'preserve' },
    files: { f: 'x' },
    expect: { changed: false },
  },
  {
    name: 'touch with preserved times still creates a missing file',
    args: { path: '@T/f', state: 'touch', access_time: 'preserve', modification_time: 'preserve', mode: '0600' },
    expect: { changed: true, files: { f: { content: '', mode: 0o600 } } },
  },
]);

describe('file access_time and modification_time', () => {
  const run = (args: Record<string, unknown>, check = false) => runModule(file, args, { connection: new LocalConnection('localhost'), check, diff: false });
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tsible-times-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets explicit times as the host\'s local time and leaves them alone when they are already so', async () => {
    const path = join(dir, 'f');
    writeFileSync(path, '');
    const times = { modification_time: '202001011200.0', access_time: '01/02/2020 13:00', access_time_format: '%m/%d/%Y %H:%M' };
    expect((await run({ path, state: 'file', ...times }, true)).changed).toBe(true);
    expect(statSync(path).mtimeMs).not.toBe(new Date(2020, 0, 1, 12).getTime());
    expect((await run({ path, state: 'touch', ...times })).changed).toBe(true);
    expect([statSync(path).mtimeMs, statSync(path).atimeMs]).toEqual([new Date(2020, 0, 1, 12).getTime(), new Date(2020, 0, 2, 13).getTime()]);
    expect((await run({ path, state: 'file', ...times })).changed).toBe(false);
    expect((await run({ path, state: 'touch', modification_time: '202001011200.0', access_time: 'preserve' })).changed).toBe(false);
    expect((await run({ path, state: 'touch' })).changed).toBe(true);
  });

  it('fails with the time and format that do not fit', async () => {
    const r = await run({ path: join(dir, 'f'), state: 'touch', modification_time: '2020-01-01', modification_time_format: '%Y%m' });
    expect([r.failed, r.msg]).toEqual([true, "Error while obtaining timestamp for time 2020-01-01 using format %Y%m: time data '2020-01-01' does not match format '%Y%m'"]);
  });
});
