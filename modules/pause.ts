import { defineModule, ok } from '../engine/module/define';
import { pyDatetime } from './_lib/run-command';
import { optionalString } from './_lib/schema-parts';

interface Args {
  seconds?: number;
  minutes?: number;
  prompt?: string;
  echo: boolean;
}

export default defineModule<Args>({
  name: 'pause',
  aliases: ['ansible.builtin.pause', 'ansible.legacy.pause'],
  supports: { checkMode: 'full', diff: false },
  // Ansible's action plug-in for it refuses async.
  async: false,
  // Ansible's action plugin makes this result itself: it carries no module's invocation.
  invocation: false,
  discoversPython: false,
  docs: {
    short: 'Pause playbook execution',
    description: 'Waits for a time. A prompt without a time cannot be answered in a non-interactive run, so it returns empty input at once.',
    args: { seconds: 'Seconds to pause.', minutes: 'Minutes to pause.', prompt: 'Text shown while pausing.', echo: 'Echo what is typed at a prompt.' },
    examples: [{ title: 'Let the service settle', args: { seconds: 10 } }],
  },
  schema: {
    type: 'object',
    properties: { seconds: { type: 'number', nullable: true }, minutes: { type: 'number', nullable: true }, prompt: optionalString, echo: { type: 'boolean', default: true } },
    required: [],
    additionalProperties: false,
  },
  async run(_ctx, args) {
    const seconds = (args.minutes ?? 0) * 60 + (args.seconds ?? 0);
    const start = new Date();
    if (seconds > 0) await new Promise((r) => setTimeout(r, seconds * 1000));
    const stop = new Date();
    const delta = Math.round((stop.getTime() - start.getTime()) / 1000);
    return ok({ start: pyDatetime(start), stop: pyDatetime(stop), delta, echo: args.echo, rc: 0, stdout: `Paused for ${args.minutes ? `${args.minutes} minutes` : `${delta} seconds`}`, user_input: '' });
  },
});
