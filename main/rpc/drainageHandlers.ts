import type { z } from 'zod';
import type { DrainageMethodName, DrainageMethods } from '../../preload/contract/drainageMethods';
import type { DrainageService } from '../services/drainage/drainageService';

type Input<M extends DrainageMethodName> = z.output<DrainageMethods[M]['input']>;
type Output<M extends DrainageMethodName> = z.input<DrainageMethods[M]['output']>;
export type DrainageHandlers = { [M in DrainageMethodName]: (input: Input<M>) => Output<M> };

/** Contract method → DrainageService call (thin; the logic is in services/drainage). */
export function createDrainageHandlers(service: DrainageService): DrainageHandlers {
  return {
    'drainage.trace': ({ id, direction, stopAtPumps, startKind }) => service.trace(id, direction, { stopAtPumps, startKind }),
    'drainage.profile': (input) => service.profile('pipeIds' in input ? { pipeIds: input.pipeIds } : { from: input.from, to: input.to }),
    'drainage.check': ({ kinds, endToleranceM, csvPath, gpkgPath, overwrite }) =>
      service.check({ kinds, endToleranceM }, { csv: csvPath, gpkg: gpkgPath, overwrite }),
    'drainage.condition': ({ pipeId, area, soil }) => service.condition(pipeId, { area, soil }),
    'drainage.worstPipes': ({ limit, by }) => ({ pipes: service.worstPipes({ limit, by }) }),
    'drainage.neighbours': ({ id, kind }) => service.pipeNeighbours(id, kind),
    'drainage.importDefects': ({ path }) => service.importDefects(path),
    'drainage.defectMedia': ({ defectId }) => service.defectMedia(defectId),
  };
}
