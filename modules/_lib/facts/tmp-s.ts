import { buildScript, SECTIONS, SectionName } from './script';
process.stdout.write(buildScript(Object.keys(SECTIONS) as SectionName[]));
