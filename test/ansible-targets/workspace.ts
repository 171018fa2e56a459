/**
 * One target's working copy, laid out as `ansible-test integration` lays out its temporary directory
 * (commands/integration/__init__.py, integration_test_environment): test/integration/ with the ansible
 * config, the controller inventory and the needed targets, in a directory whose name has non-ASCII letters.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { dependencies, Target } from './targets';

export interface Workspace {
  root: string;
  integrationDir: string;
  targetsDir: string;
  inventory: string;
  ansibleConfig: string;
  /** The directory given to the target as output_dir / OUTPUT_DIR, fresh for each run. */
  outputDir: string;
  junitDir: string;
}

/** ansible-test's suffix: it makes every target run in a path with non-ASCII characters. */
const UNICODE_SUFFIX = '-\u00c5\u00d1\u015a\u00cc\u03b2\u0141\u00c8';

export function makeWorkspace(src: string, target: Target, all: Map<string, Target>, parent: string, inventory = controllerInventory()): Workspace {
  mkdirSync(parent, { recursive: true });
  const ascii = target.aliases.includes('no/temp_unicode');
  const tmp = mkdtempSync(join(parent, `${target.name}-`));
  const base = join(tmp, `${target.name}${ascii ? '-ansible' : UNICODE_SUFFIX}`);
  mkdirSync(base, { recursive: true });
  const srcTargets = join(src, 'test/integration/targets');
  const ws: Workspace = {
    root: tmp,
    integrationDir: join(base, 'test/integration'),
    targetsDir: join(base, 'test/integration/targets'),
    inventory: join(base, 'test/integration/inventory'),
    ansibleConfig: join(base, 'test/integration/integration.cfg'),
    outputDir: join(base, 'output_dir'),
    junitDir: join(base, 'junit'),
  };
  for (const name of [target.name, ...dependencies(target, all, srcTargets)]) {
    cpSync(join(srcTargets, name), join(ws.targetsDir, name), { recursive: true, verbatimSymlinks: true });
  }
  copyFileSync(join(src, 'test/lib/ansible_test/_data/ansible.cfg'), ws.ansibleConfig);
  const vars = join(src, 'test/integration/integration_config.yml');
  if (existsSync(vars)) copyFileSync(vars, join(ws.integrationDir, 'integration_config.yml'));
  for (const file of target.aliases.filter((a) => a.startsWith('needs/file/')).map((a) => a.slice('needs/file/'.length))) {
    if (!existsSync(join(src, file))) continue;
    mkdirSync(dirname(join(base, file)), { recursive: true });
    copyFileSync(join(src, file), join(base, file));
  }
  writeFileSync(ws.inventory, inventory);
  mkdirSync(ws.outputDir, { recursive: true });
  mkdirSync(ws.junitDir, { recursive: true });
  return ws;
}

/** inventory.py create_controller_inventory: the controller itself as testhost, with python3. */
function controllerInventory(): string {
  return '[testgroup]\ntesthost ansible_connection=local ansible_pipelining=yes ansible_python_interpreter=/usr/bin/python3\n';
}

/** The play ansible-test writes for a role target (command_integration_role), as JSON (which is YAML). */
export function rolePlaybook(ws: Workspace, target: Target): string {
  const gatherFacts = target.aliases.includes('gather_facts/no') ? false : true;
  const varsFiles = existsSync(join(ws.integrationDir, 'integration_config.yml')) ? ['integration_config.yml'] : [];
  const play = { hosts: 'testhost', gather_facts: gatherFacts, vars_files: varsFiles, vars: { output_dir: ws.outputDir }, roles: [target.name] };
  const file = `${target.name}-playbook.yml`;
  writeFileSync(join(ws.integrationDir, file), JSON.stringify([play], null, 4) + '\n');
  return file;
}
