/** Ansible's reading of /proc/cpuinfo: processor list, sockets, cores and threads, quirks included. */

export interface CpuFacts {
  processor: string[];
  processor_count: number;
  processor_cores: number;
  processor_threads_per_core: number;
  processor_vcpus: number;
  processor_nproc: number;
}

const LISTED = ['model name', 'Processor', 'vendor_id', 'cpu', 'Vendor', 'processor'];

/**
 * Parses the cpuinfo lines (`key : value`); `nproc` is the CPUs this process may run on. Ansible's
 * bookkeeping is mirrored exactly, including that `core id` is checked against the sockets table and
 * that `siblings` is recorded under the previous processor's core id: values users see depend on it.
 */
export function parseCpuinfo(lines: string[], arch: string, nproc: number | undefined, xen: boolean): CpuFacts {
  const processor: string[] = [];
  let count = 0;
  let vendorIds = 0;
  let modelNames = 0;
  let processors = 0;
  let physid: string | number = 0;
  let coreid: string | number = 0;
  let xenParavirt = false;
  const sockets = new Map<string | number, number>();
  const cores = new Map<string | number, number>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const key = (colon < 0 ? line : line.slice(0, colon)).trim();
    const val = colon < 0 ? '' : line.slice(colon + 1).trim();
    if (xen && key === 'flags' && !val.includes('vme')) xenParavirt = true;
    if (LISTED.includes(key)) {
      processor.push(val);
      if (key === 'vendor_id') vendorIds++;
      if (key === 'model name') modelNames++;
      if (key === 'processor') processors++;
      count++;
    } else if (key === 'physical id') {
      physid = val;
      if (!sockets.has(physid)) sockets.set(physid, 1);
    } else if (key === 'core id') {
      coreid = val;
      if (!sockets.has(coreid)) cores.set(coreid, 1);
    } else if (key === 'cpu cores') sockets.set(physid, parseInt(val, 10));
    else if (key === 'siblings') cores.set(coreid, parseInt(val, 10));
    else if (key === 'ncpus active') count = parseInt(val, 10);
  }
  if (vendorIds > 0 && vendorIds === modelNames) count = vendorIds;
  if (/^(armv|aarch|ppc)/.test(arch)) count = processors;
  if (xenParavirt) return { processor, processor_count: count, processor_cores: count, processor_threads_per_core: 1, processor_vcpus: count, processor_nproc: nproc ?? processors };
  const firstSocket = [...sockets.values()][0];
  const coresPer = firstSocket || 1;
  const firstCore = [...cores.values()][0];
  const threads = firstCore !== undefined ? Math.floor(firstCore / coresPer) : Math.floor(1 / coresPer);
  const socketCount = sockets.size > 0 ? sockets.size : count;
  return {
    processor,
    processor_count: socketCount,
    processor_cores: coresPer,
    processor_threads_per_core: threads,
    processor_vcpus: threads * socketCount * coresPer,
    processor_nproc: nproc ?? processors,
  };
}
