import type { UnitState } from './unit-state';

export type ServiceState = 'started' | 'stopped' | 'restarted' | 'reloaded';

/** What the task asks of one unit. */
export interface UnitWish {
  name: string;
  state?: ServiceState;
  enabled?: boolean;
  masked?: boolean;
  scope: 'system' | 'user' | 'global';
}

/** One systemctl call the task needs, and the message it fails with; `undefined` means its failure is ignored. */
export interface UnitStep {
  verb: 'mask' | 'unmask' | 'enable' | 'disable' | 'start' | 'stop' | 'restart' | 'reload';
  failure?: (out: string, err: string) => string;
}

/** The steps in order, an error that stops the task before the next step, and what the result reports. */
export interface UnitPlan {
  steps: UnitStep[];
  /** Fails the task after the steps before it ran (Ansible checks presence between masking and enabling). */
  error?: { afterSteps: number; msg: string; status?: Record<string, string> };
  enabled?: boolean;
  state?: string;
}

const isRunning = (status: Record<string, string>) => ['active', 'activating'].includes(status.ActiveState);

function stateStep(wish: UnitWish, status: Record<string, string>): { verb?: UnitStep['verb']; state: string } {
  const running = isRunning(status);
  if (wish.state === 'started') return { verb: running ? undefined : 'start', state: 'started' };
  if (wish.state === 'stopped') return { verb: running || status.ActiveState === 'deactivating' ? 'stop' : undefined, state: 'stopped' };
  return { verb: running ? (wish.state === 'restarted' ? 'restart' : 'reload') : 'start', state: 'started' };
}

/**
 * Decides the systemctl calls from the unit's state, in Ansible's order: mask/unmask, enable/disable, then the
 * run state. Pure, so check mode reports exactly the calls a real run would make.
 */
export function planUnit(wish: UnitWish, unit: UnitState): UnitPlan {
  const plan: UnitPlan = { steps: [] };
  const missing = `Could not find the requested service ${wish.name}: host`;
  const fail = (msg: string, status?: Record<string, string>) => ({ ...plan, error: { afterSteps: plan.steps.length, msg, status } });
  if (wish.masked !== undefined && wish.masked !== unit.masked) {
    // systemd can mask units that do not exist yet; a failure only matters when the unit is unknown.
    plan.steps.push({ verb: wish.masked ? 'mask' : 'unmask', failure: unit.found ? undefined : () => missing });
  }
  if (wish.enabled !== undefined) {
    if (!unit.found) return fail(missing);
    plan.enabled = unit.enabled;
    if (unit.enabled !== wish.enabled) {
      const verb = wish.enabled ? 'enable' : 'disable';
      plan.steps.push({ verb, failure: (out, err) => `Unable to ${verb} service ${wish.name}: ${out}${err}` });
      plan.enabled = wish.enabled;
    }
  }
  if (wish.state !== undefined) {
    if (!unit.found) return fail(missing);
    if (unit.status.ActiveState === undefined) return fail('Service is in unknown state', unit.status);
    const { verb, state } = stateStep(wish, unit.status);
    plan.state = state;
    if (verb) plan.steps.push({ verb, failure: (_out, err) => `Unable to ${verb} service ${wish.name}: ${err}` });
  }
  return plan;
}
