import { optionalString } from './schema-parts';

/** Arguments shared by command and shell. */
export const commandProperties = {
  chdir: optionalString,
  creates: optionalString,
  removes: optionalString,
  stdin: optionalString,
  stdin_add_newline: { type: 'boolean', default: true },
  strip_empty_ends: { type: 'boolean', default: true },
} as const;

export const commandDocs = {
  chdir: 'Change into this directory before running the command.',
  creates: 'A path or glob; when it exists, the command is not run.',
  removes: 'A path or glob; when it does not exist, the command is not run.',
  stdin: 'Text fed to the command on standard input.',
  stdin_add_newline: 'Append a newline to stdin.',
  strip_empty_ends: 'Strip trailing newlines from stdout and stderr.',
};
