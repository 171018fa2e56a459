import template from '../../../modules/template';
import { testModule } from './module-tester';

const renderTemplate = async (path: string) => `rendered ${path.split('/').pop()}\n`;

testModule(template, [
  {
    name: 'installs the rendered text',
    args: { src: 't.j2', dest: '@T/out', mode: '0600' },
    files: { 't.j2': '{{ x }}' },
    controller: { renderTemplate },
    expect: { changed: true, result: { dest: '@T/out', src: 't.j2', mode: '0600' }, files: { out: { content: 'rendered t.j2\n', mode: 0o600 } } },
  },
  { name: 'unchanged', args: { src: 't.j2', dest: '@T/out' }, files: { out: 'rendered t.j2\n' }, controller: { renderTemplate }, expect: { changed: false } },
  { name: 'CRLF newline_sequence', args: { src: 't.j2', dest: '@T/out', newline_sequence: '\r\n' }, controller: { renderTemplate }, expect: { files: { out: 'rendered t.j2\r\n' } } },
  // A single-quoted YAML '\r\n' is backslashes and letters; Ansible's action reads it as the characters.
  { name: 'escaped newline_sequence', args: { src: 't.j2', dest: '@T/out', newline_sequence: '\\r\\n' }, controller: { renderTemplate }, expect: { files: { out: 'rendered t.j2\r\n' } } },
]);
