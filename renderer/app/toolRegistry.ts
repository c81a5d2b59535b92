import type { ComponentType } from 'react';
import { CameraTool } from '../panels/cameras/CameraTool';
import { DrainageTool } from '../panels/drainage/DrainageTool';
import { DrillConsole } from '../panels/drills/DrillConsole';
import { IncidentsTool } from '../panels/incidents/IncidentsTool';
import { LinkageTool } from '../panels/linkage/LinkageTool';
import type { ToolContext } from './toolContext';

export interface ToolPanel {
  id: string;
  /** The dock's tab and tool-list label, zh-CN first. */
  title: { zh: string; en: string };
  Component: ComponentType<{ ctx: ToolContext }>;
  /**
   * data-testid of the tool's own open button, for a tool that keeps its open state inside: the dock's tool list
   * presses it. A tool without one shows its panel whenever it has something to show.
   */
  launcher?: string;
  /** Map pick kinds that bring the tool's tab forward (a click on a pipe shows the drainage workbench). */
  revealOn?: string[];
  /** Why the tool cannot be opened from the tool list (it opens from elsewhere), zh-CN first. */
  opensFrom?: { zh: string; en: string };
}

/**
 * Tool panels the shell docks beside the map, in order (the order of the dock's tabs and tool list). Each is one
 * component over the ToolContext; a tool renders nothing (or only its launcher) until it has something to show. The
 * composition root for tools, as layerRegistry is for layers.
 */
export const toolPanels: ToolPanel[] = [
  { id: 'drainage', title: { zh: '排水管网', en: 'Drainage' }, Component: DrainageTool, revealOn: ['drainagePipes', 'drainageNodes'] },
  { id: 'incidents', title: { zh: '事件处置', en: 'Incidents' }, Component: IncidentsTool, launcher: 'open-incidents' },
  { id: 'cameras', title: { zh: '视频监控', en: 'Cameras' }, Component: CameraTool, launcher: 'camera-tool-open', revealOn: ['cameras'] },
  { id: 'drills', title: { zh: '应急演练', en: 'Drills' }, Component: DrillConsole, launcher: 'drill-console-open' },
  { id: 'linkage', title: { zh: '联动分析', en: 'Linkage' }, Component: LinkageTool, opensFrom: { zh: '从告警或事件打开联动分析', en: 'Opens from an alarm or an incident' } },
];
