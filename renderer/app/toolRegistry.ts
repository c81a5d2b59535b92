import type { ComponentType } from 'react';
import { CameraTool } from '../panels/cameras/CameraTool';
import { DrainageTool } from '../panels/drainage/DrainageTool';
import { IncidentsTool } from '../panels/incidents/IncidentsTool';
import { LinkageTool } from '../panels/linkage/LinkageTool';
import type { ToolContext } from './toolContext';

/**
 * Tool panels the shell mounts beside the map, in order. Each is one component over the ToolContext; a tool renders
 * nothing until it has something to show. The composition root for tools, as layerRegistry is for layers.
 */
export const toolPanels: { id: string; Component: ComponentType<{ ctx: ToolContext }> }[] = [
  { id: 'drainage', Component: DrainageTool },
  { id: 'incidents', Component: IncidentsTool },
  { id: 'cameras', Component: CameraTool },
  { id: 'linkage', Component: LinkageTool },
];
