/**
 * tsible's public API for module authors: `import { defineModule, ok, changed, failed } from 'tsible'`.
 * A module file in a `library/` directory default-exports `defineModule<Args>({...})`.
 */
export { defineModule, ok, changed, failed } from './module/define';
export type {
  Apply,
  ControllerSide,
  DiffEntry,
  LogLevel,
  ModuleContext,
  ModuleDefinition,
  ModuleDocs,
  ModuleExample,
  ModuleResult,
  ModuleSupports,
  PlannedAction,
  Probe,
  ProbeExecOptions,
} from './module/types';
export type { BecomeSpec, ExecResult, FileStat } from './connection/connection';
export type { JSONSchemaType } from 'ajv';
export { shellQuote, shellJoin } from './module/shell-quote';
