import { Measured } from './measure';
import { megabytes, ratio, seconds, spread } from './stats';
import { Tool } from './tools';

/** Runs of each tool, by tool key and then by phase ("first run", "rerun"). */
export type Samples = Map<Tool['key'], Map<string, Measured[]>>;

export function emptySamples(tools: Tool[], phases: string[]): Samples {
  return new Map(tools.map((t) => [t.key, new Map(phases.map((p) => [p, []]))]));
}

/** A Markdown table of medians (min–max) per phase and peak memory per tool, then tsible's ratios. */
export function reportTable(title: string, tools: Tool[], samples: Samples): string {
  const phases = [...(samples.values().next().value?.keys() ?? [])];
  const rows = [
    `### ${title}`,
    '',
    `| tool | ${phases.map((p) => `${p} (median, min–max)`).join(' | ')} | peak RSS, largest process | peak PSS, whole tree |`,
    `|---|${phases.map(() => '---|').join('')}---|---|`,
  ];
  const runs = (key: Tool['key'], phase: string) => samples.get(key)?.get(phase) ?? [];
  const median = (key: Tool['key'], phase: string) => spread(runs(key, phase).map((m) => m.ms)).median;
  for (const tool of tools) {
    const cells = phases.map((p) => {
      const t = spread(runs(tool.key, p).map((m) => m.ms));
      return `${seconds(t.median)} (${seconds(t.min)}–${seconds(t.max)})`;
    });
    const all = phases.flatMap((p) => runs(tool.key, p));
    rows.push(`| ${tool.name} | ${cells.join(' | ')} | ${megabytes(Math.max(...all.map((m) => m.maxRssKb)))} | ${megabytes(Math.max(...all.map((m) => m.treePssKb)))} |`);
  }
  if (samples.has('tsible')) {
    rows.push('');
    for (const tool of tools.filter((t) => t.key !== 'tsible')) {
      const each = phases.map((p) => `${p} ${ratio(median(tool.key, p), median('tsible', p))}`).join(', ');
      rows.push(`tsible-playbook is faster than ${tool.name}: ${each}.  `);
    }
  }
  return rows.join('\n');
}
