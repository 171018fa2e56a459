import { ExecutorAction } from './types';

export const fail: ExecutorAction = async ({ args }) => ({
  failed: true,
  changed: false,
  msg: args.msg === undefined ? 'Failed as requested from task' : args.msg,
});
