import find from '../../../modules/find';
import { testModule } from './module-tester';

const files = { 'a.log': 'x', 'b.txt': 'needle', '.hidden.log': '', 'sub/c.log': 'yy', 'two.txt': 'first\nsecond\n', d: { dir: true } } as const;

testModule(find, [
  { name: 'patterns at top level', args: { paths: '@T', patterns: '*.log' }, files, expect: { changed: false, result: { matched: 1, files: [{ path: '@T/a.log', isreg: true, size: 1, mode: '0644' }] } } },
  { name: 'recurse and hidden', args: { paths: ['@T'], patterns: ['*.log'], recurse: true, hidden: true }, files, expect: { result: { matched: 3 } } },
  { name: 'directories', args: { paths: '@T', file_type: 'directory' }, files, expect: { result: { matched: 2 } } },
  { name: 'contains', args: { paths: '@T', contains: 'need' }, files, expect: { result: { matched: 1, files: [{ path: '@T/b.txt' }] } } },
  { name: 'regex and excludes', args: { paths: '@T', patterns: '.*\\.(log|txt)', use_regex: true, excludes: 'b.*' }, files, expect: { result: { matched: 2 } } },
  { name: 'contains across lines with read_whole_file', args: { paths: '@T', contains: 'first\nsecond', read_whole_file: true }, files, expect: { result: { matched: 1, files: [{ path: '@T/two.txt' }] } } },
  { name: 'contains line by line', args: { paths: '@T', contains: 'first.second' }, files, expect: { result: { matched: 0 } } },
  { name: "contains: Python's . stops at a newline", args: { paths: '@T', contains: 'first.second', read_whole_file: true }, files, expect: { result: { matched: 0 } } },
  { name: "contains: Python's $ matches before the file's last newline", args: { paths: '@T', contains: 'second$', read_whole_file: true }, files, expect: { result: { matched: 1, files: [{ path: '@T/two.txt' }] } } },
  { name: 'contains matches each line from its start', args: { paths: '@T', contains: 'eedle' }, files, expect: { result: { matched: 0 } } },
  { name: 'contains with a bad pattern fails', args: { paths: '@T', contains: 'a(' }, files, expect: { failed: true, msg: /could not be searched/ } },
  { name: 'get_checksum', args: { paths: '@T', patterns: 'a.log', get_checksum: true }, files, expect: { result: { files: [{ path: '@T/a.log', checksum: '11f6ad8ec52a2984abaafd7c3b516503785c2072' }] } } },
  { name: 'a path that is not a directory is skipped with a warning', args: { paths: ['@T', '@T/a.log'], patterns: 'a.log' }, files, expect: { result: { matched: 1, msg: 'Not all paths examined, check warnings for details', skipped_paths: { '@T/a.log': "'@T/a.log' is not a directory" }, warnings: ["Skipped '@T/a.log' path due to this access issue: '@T/a.log' is not a directory\n"] } } },
  { name: 'depth returns entries within it and examines one level more', args: { paths: '@T', recurse: true, depth: 1, file_type: 'any' }, files, expect: { result: { matched: 5, examined: 7 } } },
  { name: 'depth 0 sets no limit', args: { paths: '@T', recurse: true, depth: 0, patterns: 'c.log' }, files, expect: { result: { matched: 1 } } },
  { name: 'use_regex without patterns matches every name, from the start of the name', args: { paths: '@T', use_regex: true, excludes: 'b' }, files, expect: { result: { matched: 2 } } },
  { name: 'size', args: { paths: '@T', recurse: true, size: '2' }, files, expect: { result: { matched: 3 } } },
]);
