import { OrderedEvents } from './ordered-events';
import { RunEvent } from '../output/events';

const ev = (message: string): RunEvent => ({ kind: 'warning', message });

describe('OrderedEvents', () => {
  it('shows hosts in their order whatever order they finish in', () => {
    const seen: string[] = [];
    const ordered = new OrderedEvents(['a', 'b', 'c'], (e) => seen.push((e as { message: string }).message));
    ordered.sinkFor('c')(ev('c1'));
    ordered.sinkFor('b')(ev('b1'));
    ordered.done('c');
    ordered.sinkFor('a')(ev('a1'));
    expect(seen).toEqual(['a1']);
    ordered.done('a');
    expect(seen).toEqual(['a1', 'b1']);
    ordered.sinkFor('b')(ev('b2'));
    ordered.done('b');
    expect(seen).toEqual(['a1', 'b1', 'b2', 'c1']);
  });
});
