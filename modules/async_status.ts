import { defineModule } from '../engine/module/define';
import { asyncDir, asyncStatus, readJob } from '../engine/module/async-jobs';

interface Args {
  jid: string;
  mode: 'status' | 'cleanup';
}

export default defineModule<Args>({
  name: 'async_status',
  aliases: ['ansible.builtin.async_status', 'ansible.legacy.async_status'],
  supports: { checkMode: 'full', diff: false },
  // Ansible's action plug-in for it refuses async.
  async: false,
  docs: {
    short: 'Obtain status of asynchronous task',
    description:
      'Reads the record of a job an async task started on the host, in the async dir (ansible_async_dir, ANSIBLE_ASYNC_DIR, else ~/.ansible_async): ' +
      'whether it finished and, once it has, the module\'s result. Jobs started by ansible-playbook are read the same way.',
    args: { jid: 'The job id (ansible_job_id of the async task\'s result).', mode: 'status (default) reads the job; cleanup removes its record.' },
    returns: { ansible_job_id: 'The job id', started: '1 once the job started', finished: '1 once the job ended', results_file: 'The job\'s record on the host', erased: 'The record removed (cleanup)' },
    examples: [{ title: 'Wait for a job', args: { jid: '{{ job.ansible_job_id }}' } }],
  },
  schema: {
    type: 'object',
    properties: { jid: { type: 'string' }, mode: { type: 'string', enum: ['status', 'cleanup'], default: 'status' } },
    required: ['jid'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const { path, data } = await readJob(ctx.probe, asyncDir(ctx.vars), args.jid, args.mode);
    return { changed: false, ...asyncStatus(args.jid, args.mode, path, data) };
  },
});
