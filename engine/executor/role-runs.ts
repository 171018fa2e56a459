import { roleRunKey } from '../playbook/roles';
import { Role } from '../playbook/types';

/**
 * Which use of each role first ran on each host in a play. A role that another role's meta pulls in as a
 * dependency runs once per host: where the same role (same parameters, vars and keywords) already ran,
 * from the play's roles, an import or an include, its tasks are left out, as in Ansible. A role named
 * directly by import_role or include_role always runs, and allow_duplicates lets a dependency run again.
 */
export class RoleRuns {
  private readonly first = new Map<string, Map<string, Role>>();

  /** The hosts among `hosts` that run a task of `role`; they count as having run it. */
  admit(role: Role | undefined, hosts: string[]): string[] {
    if (!role) return hosts;
    const key = roleRunKey(role);
    let byHost = this.first.get(key);
    if (!byHost) this.first.set(key, (byHost = new Map()));
    const runs = byHost;
    const admitted = hosts.filter((h) => {
      const earlier = runs.get(h);
      return !earlier || earlier === role || !role.dependencyOf || role.allowDuplicates;
    });
    admitted.forEach((h) => runs.has(h) || runs.set(h, role));
    return admitted;
  }
}
