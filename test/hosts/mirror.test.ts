import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bootstrapMirror, debianSources, renderSourcesList } from './mirror';

function aptDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-apt-'));
  fs.mkdirSync(path.join(dir, 'sources.list.d'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('debianSources', () => {
  test('reads deb822 stanzas, skipping disabled ones, deb-src, other suites and https', () => {
    const dir = aptDir({
      'sources.list.d/debian.sources': [
        'Types: deb deb-src', '# a comment', 'URIs: http://mirror.example/debian/',
        'Suites: bookworm bookworm-updates', 'Components: main contrib', '',
        'Types: deb', 'URIs: http://mirror.example/debian-security', 'Suites: bookworm-security', 'Components: main',
        '', 'Types: deb', 'Enabled: no', 'URIs: http://old.example/debian', 'Suites: bookworm', 'Components: main',
        '', 'Types: deb', 'URIs: https://vendor.example/apt', 'Suites: bookworm', 'Components: main',
      ].join('\n'),
      'sources.list.d/vendor.list.disabled': 'deb http://other.example/debian bookworm main\n',
    });
    expect(debianSources(dir)).toEqual([
      {
        uri: 'http://mirror.example/debian', suites: ['bookworm', 'bookworm-updates'], components: ['main', 'contrib'],
      },
      { uri: 'http://mirror.example/debian-security', suites: ['bookworm-security'], components: ['main'] },
    ]);
  });

  test('reads one-line sources with options and comments', () => {
    const dir = aptDir({
      'sources.list': [
        '# deb http://commented.example/debian bookworm main',
        'deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main # trailing',
        'deb-src http://mirror.example/debian bookworm main',
        'deb http://mirror.example/debian trixie main',
      ].join('\n'),
    });
    const sources = debianSources(dir);
    expect(sources).toEqual([{ uri: 'http://mirror.example/debian', suites: ['bookworm'], components: ['main'] }]);
    expect(bootstrapMirror(sources)).toBe('http://mirror.example/debian');
    expect(renderSourcesList(sources)).toBe('deb http://mirror.example/debian bookworm main\n');
  });

  test('without a plain bookworm source there is nothing to bootstrap from', () => {
    const dir = aptDir({ 'sources.list': 'deb http://mirror.example/debian-security bookworm-security main\n' });
    expect(() => bootstrapMirror(debianSources(dir))).toThrow(/no http:\/\/ source for Debian bookworm/);
  });
});
