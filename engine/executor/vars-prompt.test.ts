import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadPlaybook, PlaybookError } from '../playbook/load';
import { Play } from '../playbook/types';
import { UnsafeText } from '../playbook/yaml';
import { createTemplar } from '../template';
import { answerVarsPrompt, PromptQuestion } from './vars-prompt';

// Cases written down from ansible-playbook 2.14 driven through a pseudo-terminal (test/e2e/vars-prompt.test.ts
// compares the two end to end).
const dir = mkdtempSync(join(tmpdir(), 'tsible-vars-prompt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function play(yaml: string): Play {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, yaml);
  return loadPlaybook(file).plays[0];
}

function answering(...answers: string[]): { asked: PromptQuestion[]; ask: (q: PromptQuestion) => Promise<string> } {
  const asked: PromptQuestion[] = [];
  return { asked, ask: async (q) => (asked.push(q), answers.shift() ?? '') };
}

const templar = createTemplar();

describe('vars_prompt', () => {
  it('asks with the prompt text, the templated default in brackets, and no echo unless private is false', async () => {
    const p = play('- hosts: all\n  vars: {base: b}\n  vars_prompt:\n    - {name: who, prompt: Your name, private: false, default: "{{ base }}-def"}\n    - {name: secret}\n    - {name: pw, prompt: Password, confirm: yes}\n    - {name: other, prompt: ""}\n');
    const t = answering('bob', 's3', 'p1', '');
    const answers = await answerVarsPrompt(p, { templar, extraVars: {}, ask: t.ask });
    expect(t.asked).toEqual([
      { message: 'Your name [b-def]: ', private: false, confirm: false },
      { message: 'secret: ', private: true, confirm: false },
      { message: 'Password: ', private: true, confirm: true },
      { message: 'input for other: ', private: true, confirm: false },
    ]);
    expect(answers).toEqual({ who: 'bob', secret: 's3', pw: 'p1', other: '' });
  });

  it('takes the default for an empty answer, always as text', async () => {
    const p = play('- hosts: all\n  vars_prompt:\n    - {name: num, default: 5}\n    - {name: flag, default: true}\n');
    expect(await answerVarsPrompt(p, { templar, extraVars: {}, ask: answering().ask })).toEqual({ num: '5', flag: 'True' });
  });

  it('does not ask for a variable given with -e', async () => {
    const p = play('- hosts: all\n  vars_prompt:\n    - {name: given}\n    - {name: asked}\n');
    const t = answering('typed');
    expect(await answerVarsPrompt(p, { templar, extraVars: { given: 'x' }, ask: t.ask })).toEqual({ asked: 'typed' });
    expect(t.asked.map((q) => q.message)).toEqual(['asked: ']);
  });

  it("without a terminal takes the defaults, and Python's None where there is none", async () => {
    const p = play('- hosts: all\n  vars_prompt:\n    - {name: a, default: 7}\n    - {name: b}\n');
    expect(await answerVarsPrompt(p, { templar, extraVars: {} })).toEqual({ a: '7', b: 'None' });
  });

  it('hashes with encrypt and salt as password_hash does, and keeps unsafe answers untemplated', async () => {
    const p = play('- hosts: all\n  vars_prompt:\n    - {name: hashed, encrypt: sha512_crypt, salt: abcdefgh}\n    - {name: raw, unsafe: true}\n');
    const answers = await answerVarsPrompt(p, { templar, extraVars: {}, ask: answering('hunter', '{{ x }}').ask });
    expect(answers.hashed).toBe('$6$rounds=656000$abcdefgh$gKDDFlw2XLHueTVUYBwwfxBfiUc6uRzg5dihvVpO46KNH8LwOOKWIThtutNH4sbBz43lEgt9pq87r6/fNdQlW1');
    expect(answers.raw).toEqual(new UnsafeText('{{ x }}'));
  });

  it('stops with the place of the entry when there is nothing to encrypt', async () => {
    const p = play('- hosts: all\n  vars_prompt:\n    - name: hashed\n      encrypt: sha512_crypt\n');
    await expect(answerVarsPrompt(p, { templar, extraVars: {} })).rejects.toMatchObject({ message: "vars_prompt 'hashed': there is nothing to encrypt", origin: { line: 3, column: 7 } });
  });

  it('rejects an encrypt scheme it cannot make when the playbook is loaded, naming where', () => {
    let thrown: unknown;
    try {
      play('- hosts: all\n  vars_prompt:\n    - name: hashed\n      encrypt: bcrypt\n');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(PlaybookError);
    expect((thrown as PlaybookError).problems[0].message).toContain("vars_prompt 'hashed': encrypt 'bcrypt' is not supported");
    expect((thrown as PlaybookError).problems[0].origin).toMatchObject({ line: 4, column: 7 });
  });
});
