import type { FileSpec } from './tree';

/** A task run by both real Ansible and tsible in twin directories (`@T`), compared on `keys` and the files. */
export interface CompatCase {
  module: string;
  args: Record<string, unknown> | string;
  files?: Record<string, FileSpec>;
  /** Result keys compared besides changed, failed and msg. */
  keys?: string[];
  /** Also run with check_mode: the prediction must match Ansible's and neither side may touch the files. */
  check?: boolean;
}

const file3 = { f: { content: 'a\n', mode: 0o600 } };

export const compatCases: CompatCase[] = [
  { check: true, module: 'copy', args: { content: 'a\n', dest: '@T/f', mode: '0644' }, keys: ['checksum', 'md5sum', 'mode', 'size', 'state', 'dest'] },
  { module: 'copy', args: { content: 'a\n', dest: '@T/f', mode: 420 }, keys: ['mode'] },
  { module: 'copy', args: { content: 'a\n', dest: '@T/f', mode: 644 }, keys: ['mode'] },
  { check: true, module: 'copy', args: { content: 'a\n', dest: '@T/f', mode: 'u=rw,g=r,o=r' }, files: file3, keys: ['mode', 'diff'] },
  { module: 'copy', args: { content: 'a\n', dest: '@T/f' }, files: { f: 'a\n' }, keys: ['checksum', 'path'] },
  { module: 'copy', args: { content: 'b\n', dest: '@T/f', force: 'no' }, files: { f: 'a\n' } },
  { check: true, module: 'copy', args: { content: 'b\n', dest: '@T/f' }, files: { f: 'a\n' }, keys: ['diff.0.before', 'diff.0.after', 'diff.0.before_header'] },
  { module: 'copy', args: { content: 'b\n', dest: '@T/nodir/f' } },
  { check: true, module: 'copy', args: { src: '@T/tree', dest: '@T/out/' }, files: { 'tree/a': 'A', 'tree/s/b': 'B' } },
  { module: 'copy', args: { src: '@T/tree/', dest: '@T/out' }, files: { 'tree/a': 'A', out: { dir: true } } },
  { check: true, module: 'file', args: { path: '@T/d/e', state: 'directory', mode: '0750' }, keys: ['mode', 'state', 'diff'] },
  { module: 'file', args: { path: '@T/d', state: 'directory' }, files: { d: { dir: true } }, keys: ['state', 'diff'] },
  { check: true, module: 'file', args: { path: '@T/f', mode: '0640' }, files: file3, keys: ['mode', 'diff', 'state'] },
  { module: 'file', args: { path: '@T/nope', mode: '0640' }, keys: ['state'] },
  { check: true, module: 'file', args: { path: '@T/l', src: '@T/f', state: 'link' }, files: file3, keys: ['state', 'dest', 'diff'] },
  { module: 'file', args: { path: '@T/l', src: '@T/f', state: 'link' }, files: { f: 'x', l: 'y' } },
  { check: true, module: 'file', args: { path: '@T/d', state: 'absent' }, files: { 'd/x': 'x' }, keys: ['state', 'diff'] },
  { module: 'file', args: { path: '@T/d', state: 'directory', recurse: true, mode: 'u=rwX,g=rX,o=' }, files: { 'd/x': { content: '', mode: 0o666 } } },
  { check: true, module: 'lineinfile', args: { path: '@T/f', line: 'b' }, files: { f: 'a' }, keys: ['diff', 'backup'] },
  { module: 'lineinfile', args: { path: '@T/f', regexp: '^x=', line: 'x=9' }, files: { f: 'x=1\ny\nx=2\n' } },
  { module: 'lineinfile', args: { path: '@T/f', regexp: '^x=', line: 'x=9', firstmatch: true }, files: { f: 'x=1\ny\nx=2\n' } },
  { check: true, module: 'lineinfile', args: { path: '@T/f', regexp: '^#', state: 'absent' }, files: { f: '#a\nb\n#c\n' }, keys: ['found'] },
  { module: 'lineinfile', args: { path: '@T/f', line: 'n', insertafter: '^\\[s\\]' }, files: { f: '[s]\nk\n[s]\nk\n' } },
  { module: 'lineinfile', args: { path: '@T/f', line: 'n', insertbefore: '^k' }, files: { f: '[s]\nk\n[s]\nk\n' } },
  { module: 'lineinfile', args: { path: '@T/f', line: 'n', insertbefore: 'BOF' }, files: { f: 'a\n' } },
  { module: 'lineinfile', args: { path: '@T/f', regexp: '^(\\w+)=(\\d)', line: '\\2=\\1', backrefs: true }, files: { f: 'ab=1\nzz\n' } },
  { module: 'lineinfile', args: { path: '@T/f', regexp: '^nomatch', line: 'x', backrefs: true }, files: { f: 'a\n' } },
  { module: 'lineinfile', args: { path: '@T/f', line: 'a', mode: '0644' }, files: file3 },
  { check: true, module: 'lineinfile', args: { path: '@T/d/n', line: 'x', create: true, mode: '0600' } },
  { module: 'lineinfile', args: { path: '@T/n', line: 'x' }, keys: ['rc'] },
  { check: true, module: 'blockinfile', args: { path: '@T/f', block: 'k=v\nk2=v2' }, files: { f: 'a' }, keys: ['diff'] },
  { module: 'blockinfile', args: { path: '@T/f', block: 'new' }, files: { f: 'a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\nz\n' } },
  { module: 'blockinfile', args: { path: '@T/f', state: 'absent' }, files: { f: 'a\n# BEGIN ANSIBLE MANAGED BLOCK\nold\n# END ANSIBLE MANAGED BLOCK\n' } },
  { module: 'blockinfile', args: { path: '@T/f', block: 'x', insertafter: '^s' }, files: { f: 's\nk\ns\nk\n' } },
  { module: 'blockinfile', args: { path: '@T/n', block: 'x', create: true } },
  { check: true, module: 'replace', args: { path: '@T/f', regexp: '(\\w+)=(\\d)', replace: '\\2=\\1' }, files: { f: 'a=1 b=2\nc=3\n' }, keys: ['rc', 'diff'] },
  { module: 'replace', args: { path: '@T/f', regexp: '^x$', replace: 'y', after: '\\[a\\]', before: '\\[b\\]' }, files: { f: 'x\n[a]\nx\n[b]\nx\n' } },
  { module: 'replace', args: { path: '@T/f', regexp: 'zzz', replace: 'y' }, files: { f: 'a\n' } },
  { check: true, module: 'command', args: { cmd: 'echo "a  b" $HOME' }, keys: ['cmd', 'stdout', 'stdout_lines', 'stderr', 'rc'] },
  { check: true, module: 'command', args: { cmd: 'touch @T/x', creates: '@T/f*' }, files: { f1: '' }, keys: ['stdout', 'rc', 'cmd'] },
  { module: 'command', args: { cmd: 'ls', chdir: '@T' }, files: { a: '' }, keys: ['stdout'] },
  { module: 'command', args: { cmd: 'echo $TSIBLE_UNSET ${TSIBLE_UNSET} x$HOME $0 ${HOME}' }, keys: ['stdout', 'cmd'] },
  { check: true, module: 'command', args: { cmd: 'touch @T/x', creates: '~', removes: '@T/*' }, keys: ['stdout', 'msg'] },
  { check: true, module: 'command', args: { cmd: 'touch @T/x', creates: '$HOME/tsible-none*', removes: '@T/*' }, files: { '.h': '' }, keys: ['stdout'] },
  { module: 'command', args: { cmd: 'touch ran', chdir: '@T', creates: "a'b$(touch p1)`touch p2`" }, files: { "a'b$(touch p1)`touch p2`": '' }, keys: ['stdout'] },
  { module: 'shell', args: { cmd: 'touch @T/ran', removes: '@T/$(touch @T/p1)' }, keys: ['stdout'] },
  { check: true, module: 'shell', args: 'echo out; echo err >&2; exit 3', keys: ['cmd', 'rc', 'stdout', 'stderr', 'stderr_lines'] },
  { module: 'raw', args: 'printf "a\\nb\\n"', keys: ['rc', 'stdout', 'stdout_lines'] },
  { module: 'stat', args: { path: '@T/f' }, files: file3, keys: ['stat.exists', 'stat.mode', 'stat.isreg', 'stat.checksum', 'stat.size', 'stat.pw_name', 'stat.readable', 'stat.rusr', 'stat.xoth'] },
  { module: 'stat', args: { path: '@T/nope' }, keys: ['stat'] },
  { module: 'slurp', args: { src: '@T/f' }, files: file3, keys: ['content', 'encoding', 'source'] },
  { module: 'find', args: { paths: '@T', patterns: '*.log', recurse: true }, files: { 'a.log': 'x', 'b.txt': '', 's/c.log': 'yy', '.h.log': '' }, keys: ['matched', 'examined'] },
  { module: 'fetch', args: { src: '@T/f', dest: '@T/o/', flat: true }, files: file3, keys: ['checksum', 'dest', 'remote_checksum'] },
  { module: 'ping', args: {}, keys: ['ping'] },
  { module: 'copy', args: { src: '@T/tree/', dest: '@T/out', remote_src: true }, files: { 'tree/a': 'A', 'tree/s/b': 'B', 'out/a': 'A', 'out/keep': 'K' } },
  { module: 'copy', args: { src: '@T/tree', dest: '@T/out', remote_src: true }, files: { 'tree/a': 'A', 'out/tree/a': 'A' } },
  { module: 'file', args: { path: '@T/h', src: '@T/f', state: 'hard' }, files: file3, keys: ['state', 'dest'] },
  { check: true, module: 'file', args: { path: '@T/f', state: 'touch' }, files: file3, keys: ['state', 'dest', 'mode'] },
  { module: 'lineinfile', args: { path: '@T/f', search_string: 'a.b', line: 'y' }, files: { f: 'axb\na.b\n' } },
  { module: 'copy', args: { content: 'bad\n', dest: '@T/f', validate: 'grep -q good %s' }, files: { f: 'good\n' } },
  { module: 'stat', args: { path: '@T/l' }, files: { f: 'x', l: { link: 'f' } }, keys: ['stat.islnk', 'stat.lnk_target', 'stat.lnk_source', 'stat.mode'] },
  // chattr flags ('A', no atime updates, needs no privilege): Ansible compares lsattr's flags with those named whatever the operator.
  { check: true, module: 'file', args: { path: '@T/f', attributes: '+A' }, files: file3, keys: ['diff'] },
  { module: 'file', args: { path: '@T/d', state: 'directory', attributes: '-A' }, keys: ['diff'] },
  { check: true, module: 'copy', args: { content: 'a\n', dest: '@T/f', attributes: 'A' }, files: file3, keys: ['diff'] },
  { module: 'lineinfile', args: { path: '@T/f', line: 'b', attributes: '+A' }, files: file3, keys: ['diff'] },
  // state=link follows the link (follow defaults to yes): the mode goes to the file it points to; a link to nothing gets a warning.
  { check: true, module: 'file', args: { path: '@T/l', src: '@T/f', state: 'link', mode: '0700' }, files: file3, keys: ['diff', 'mode', 'state'] },
  { module: 'file', args: { path: '@T/l', src: '@T/f', state: 'link', mode: '0700' }, files: { ...file3, l: { link: 'f' } }, keys: ['diff', 'mode', 'state'] },
  { module: 'file', args: { path: '@T/l', src: '@T/nope', state: 'link', force: true, mode: '0700' }, keys: ['warnings', 'state', 'mode', 'diff'] },
  // src without a state that takes one fails; recurse without state makes a directory.
  { module: 'file', args: { path: '@T/f', src: '@T/g' }, files: file3, keys: ['path'] },
  { module: 'file', args: { path: '@T/d', recurse: true, mode: '0750' }, keys: ['state', 'mode'] },
  { module: 'fail', args: { msg: 'boom' } },
  { module: 'debug', args: { msg: 'hi' } },
];
