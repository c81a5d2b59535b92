import { describe, expect, it } from 'vitest';
import { networkColour } from '../../../../../renderer/layers/drainagePipes/drainagePipesStyle';
import { changedColours, HIGHLIGHT_COLOUR, plannedColours, readPipesLive } from '../../../../../renderer/layers/drainagePipes/pipeHighlight';

const pipes = [
  { id: 'A', props: { network: 'rain' } },
  { id: 'B', props: { network: 'sewage' } },
  { id: 'C', props: { network: 'combined' } },
];

describe('pipe highlight (pure)', () => {
  it('without a highlight every pipe has its colour-by colour', () => {
    const c = plannedColours(pipes, readPipesLive({}), 2025);
    expect([...c.values()]).toEqual([networkColour.rain, networkColour.sewage, networkColour.combined]);
  });
  it('highlighted pipes take the highlight colour and the rest are dimmed', () => {
    const c = plannedColours(pipes, readPipesLive({ highlight: { pipeIds: ['B'], colour: '#ff00ff' } }), 2025);
    expect(c.get('B')).toBe('#ff00ff');
    expect(c.get('A')).not.toBe(networkColour.rain);
    expect(c.get('A')).toMatch(/^#[0-9a-f]{6}$/);
    expect(plannedColours(pipes, readPipesLive({ highlight: { pipeIds: ['A'] } }), 2025).get('A')).toBe(HIGHLIGHT_COLOUR);
  });
  it('only changed instances are written: clearing a highlight touches the pipes that changed', () => {
    const before = plannedColours(pipes, readPipesLive({ highlight: { pipeIds: ['B'] } }), 2025);
    const after = plannedColours(pipes, readPipesLive({ highlight: null }), 2025);
    expect(changedColours(before, after).map(([id]) => id)).toEqual(['A', 'B', 'C']);
    expect(changedColours(after, after)).toEqual([]);
    const colourBy = plannedColours(pipes, readPipesLive({ colourBy: 'diameter' }), 2025);
    expect(changedColours(after, colourBy).length).toBe(3);
  });
  it('reads junk live data as the defaults', () => {
    expect(readPipesLive(42)).toEqual({ colourBy: 'network', grades: {}, highlight: null });
    expect(readPipesLive({ highlight: { pipeIds: 'A' } }).highlight).toBeNull();
  });
});
