import { TsibleError } from '../errors';
import { DefaultOutput, OutputStreams } from './default';
import { EventSink } from './events';
import { JsonOutput } from './json';
import { MinimalOutput } from './minimal';

export interface OutputChoice {
  verbosity: number;
  colour: boolean;
  diff: boolean;
  columns?: number;
  progress?: boolean;
  /** show_custom_stats: set_stats' statistics in the output. */
  showCustomStats?: boolean;
}

const CALLBACKS: Record<string, (io: OutputStreams, o: OutputChoice) => { handle: EventSink }> = {
  default: (io, o) => new DefaultOutput(io, o),
  json: (io, o) => new JsonOutput(io, undefined, o.showCustomStats),
  minimal: (io, o) => new MinimalOutput(io, { ...o, oneLine: false }),
  oneline: (io, o) => new MinimalOutput(io, { ...o, oneLine: true }),
};

export const STDOUT_CALLBACKS = Object.keys(CALLBACKS);

/** The stdout callback by its Ansible name (`stdout_callback`, ANSIBLE_STDOUT_CALLBACK). */
export function selectOutput(name: string, io: OutputStreams, choice: OutputChoice): EventSink {
  const short = name.replace(/^ansible\.(builtin|posix)\./, '');
  const make = CALLBACKS[short];
  if (!make) throw new TsibleError(`Invalid callback for stdout specified: ${name}`, { hint: `available: ${Object.keys(CALLBACKS).join(', ')}` });
  const output = make(io, choice);
  return (e) => output.handle(e);
}
