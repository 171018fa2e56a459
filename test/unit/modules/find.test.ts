import find from '../../../modules/find';
import { testModule } from './module-tester';

const files = { 'a.log': 'x', 'b.txt': 'needle', '.hidden.log': '', 'sub/c.log': 'yy', 'two.txt': 'first\nsecond\n', d: { dir: true } } as const;

testModule(find, [
  { name: 'patterns at top level', args: { paths: '@T', patterns: '*.log' }, files, expect: { changed: false, result: { matched: 1, files: [{ path: '@T/a.log', isreg: true, size: 1, mode: '0644' }] } } },
  { name: 'recurse and hidden', args: { paths: ['@T'], patterns: ['*.log'], recurse: true, hidden: true }, files, expect: { result: { matched: 3 } } },
  { name: 'directories', args: { paths: '@T', file_type: 'directory' }, files, expect: { result: { matched: 2 } } },
  { name: 'contains', args: { paths: '@T', contains: 'need' }, files, expect: { result: { matched: 1, files: [{ path: '@T/b.txt' }] } } },
  { name: 'regex and excludes', args: { paths: '@T', patterns: '.*\\.(log|txt)', use_regex: true, excludes: 'b.*' }, files, expect: { result: { matched: 2 } } },
  { name: 'contains across lines with read_whole_file', args: { paths: '@T', contains: 'first.second', read_whole_file: true }, files, expect: { result: { matched: 1, files: [{ path: '@T/two.txt' }] } } },
  { name: 'contains line by line', args: { paths: '@T', contains: 'first.second' }, files, expect: { result: { matched: 0 } } },
  { name: 'get_checksum', args: { paths: '@T', patterns: 'a.log', get_checksum: true }, files, expect: { result: { files: [{ path: '@T/a.log', checksum: '11f6ad8ec52a2984abaafd7c3b516503785c2072' }] } } },
  { name: 'size', args: { paths: '@T', recurse: true, size: '2' }, files, expect: { result: { matched: 3 } } },
]);
