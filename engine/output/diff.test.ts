import { renderDiffs } from './diff';

// Expected strings were produced by Python's difflib the way Ansible's default callback calls it.
describe('renderDiffs', () => {
  it.each([
    ['a\nb', 'a\nc', '--- before\n+++ after\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n\n'],
    ['', 'x\n', '--- before\n+++ after\n@@ -0,0 +1 @@\n+x\n\n'],
    ['x', 'x\n', '--- before\n+++ after\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n\n'],
    ['1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n', '1\n2\n3\n4\nX\n6\n7\n8\n9\n10\n', '--- before\n+++ after\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+X\n 6\n 7\n 8\n\n'],
  ])('diffs %j against %j as difflib does', (before, after, expected) => {
    expect(renderDiffs({ before, after })).toBe(expected);
  });

  it('names the files in the headers and shows nothing when equal', () => {
    expect(renderDiffs({ before: 'a\n', after: 'b\n', before_header: '/etc/x', after_header: '/tmp/y' })).toMatch(/^--- before: \/etc\/x\n\+\+\+ after: \/tmp\/y\n/);
    expect(renderDiffs({ before: 'same\n', after: 'same\n' })).toBe('');
  });

  it('compares state dicts as sorted, indented JSON', () => {
    const out = renderDiffs({ before: { path: '/x', mode: '0644' }, after: { path: '/x', mode: '0600' } });
    expect(out).toBe('--- before\n+++ after\n@@ -1,4 +1,4 @@\n {\n-    "mode": "0644",\n+    "mode": "0600",\n     "path": "/x"\n }\n\n');
  });
});
