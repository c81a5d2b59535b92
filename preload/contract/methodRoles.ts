import type { cameraMethods } from './cameraMethods';
import type { CommandMethodName } from './commandMethods';
import type { drainageMethods } from './drainageMethods';
import type { linkageMethods } from './linkageMethods';
import type { dashboardMethods } from './dashboardMethods';
import type { drillMethods } from './drillMethods';
import type { MethodName } from './methods';

/**
 * Who may call what. Plain data (no zod) so every environment can read it: the host enforces it on every call, the
 * renderer uses it to hide what the user cannot do. Services check it again (defence in depth).
 *
 *  viewer    查看      looks at maps, stations, alarms, incidents (reporters' personal data masked)
 *  operator  值班员    duty operator: acknowledges alarms, opens and works incidents, ticks plan checklists
 *  commander 指挥长    all the operator does, plus activating plans, response levels, closing incidents, rules
 *  analyst   分析员    analysis, imports and exports; sees incidents masked
 *  admin     系统管理员 users, audit, imports; no operational actions (separation of duties)
 *  controller 导调     runs drills (导调组): starts, paces and ends them and alone sees the inject list with its
 *                     controller notes (the MSEL is hidden from players, commanders included); evaluators
 *                     (评估人员) sign in as controller, analyst or viewer and add observations
 */
export const roleNames = ['viewer', 'operator', 'commander', 'analyst', 'admin', 'controller'] as const;
export type RoleName = (typeof roleNames)[number];
/** A caller without a session. */
export const ANONYMOUS = 'anonymous' as const;
export type Principal = RoleName | typeof ANONYMOUS;

type AnyMethodName = MethodName | CommandMethodName | keyof typeof cameraMethods | keyof typeof drainageMethods | keyof typeof linkageMethods | keyof typeof dashboardMethods | keyof typeof drillMethods;

const everyone: readonly Principal[] = roleNames;
/**
 * The situation picture is readable without signing in (a wall display on the host's own machine, which already holds
 * the host token): maps, stations, alarms, camera and network analysis. Everything that changes state, incidents with
 * personal data, plans, users and audit need a signed-in role.
 */
const situation: readonly Principal[] = [ANONYMOUS, ...roleNames];
const ops: readonly Principal[] = ['operator', 'commander'];
const command: readonly Principal[] = ['commander'];
const data: readonly Principal[] = ['analyst', 'admin'];
const admin: readonly Principal[] = ['admin'];
/** 导调: the exercise controller. Players (commanders included) never see the inject list. */
const control: readonly Principal[] = ['controller'];

/** Every contract method name → the roles allowed to call it. A name missing here is refused for everyone. */
export const methodRoles = {
  'app.info': [ANONYMOUS, ...roleNames],
  'map.config': situation,
  'layers.list': situation,
  'features.query': situation,
  'import.preview': data,
  'import.start': data,
  'import.cancel': data,
  'layers.export': [...data, 'commander'],
  'stations.live': situation,
  'series.query': situation,
  'alarms.list': situation,
  'alarms.acknowledge': ops,
  'alarms.snooze': ops,
  'alarms.log': situation,
  'rules.list': situation,
  'rules.upsert': ['commander', 'admin'],
  'monitoring.status': situation,
  'cameras.seeing': situation,
  'cameras.coverage': situation,
  'cameras.health': situation,
  'cameras.create': admin,
  'cameras.update': admin,
  'cameras.delete': admin,
  'drainage.trace': situation,
  'drainage.profile': situation,
  'drainage.check': everyone,
  'drainage.condition': situation,
  'drainage.worstPipes': situation,
  'drainage.neighbours': situation,
  'drainage.importDefects': data,
  'drainage.defectMedia': situation,
  'linkage.analyze': situation,
  'dashboard.summary': situation,
  'auth.login': [ANONYMOUS, ...roleNames],
  'auth.logout': everyone,
  'auth.whoami': everyone,
  'users.list': ['operator', 'commander', 'admin'],
  'users.create': admin,
  'users.setDisabled': admin,
  /** Any user may change their own password (with the current one); only admin may set another's. */
  'users.setPassword': everyone,
  'incidents.list': everyone,
  'incidents.get': everyone,
  'incidents.create': ops,
  'incidents.transition': ops,
  'incidents.addTask': ops,
  'incidents.setTaskDone': ops,
  'incidents.addNote': ops,
  'incidents.addAttachment': ops,
  'plans.list': everyone,
  'plans.match': [...ops, 'analyst'],
  'plans.activate': command,
  'plans.setLevel': command,
  'plans.setChecklistItem': ops,
  'audit.list': ['commander', 'admin'],
  'audit.verify': ['commander', 'admin'],
  // Drills: the controller (导调) runs the exercise; evaluators sign in as controller, analyst or viewer; players are
  // the duty team and the commanders.
  'drill.scenarios': situation,
  'drill.validate': ['controller', 'commander', 'analyst'],
  'drill.state': situation,
  'drill.start': control,
  'drill.control': control,
  'drill.injects': control,
  'drill.injectAction': control,
  'drill.shift': control,
  'drill.addInject': control,
  'drill.note': ['controller', 'analyst', 'viewer'],
  'drill.logAction': ops,
  'drill.recordView': situation,
  'drill.list': everyone,
  'drill.events': everyone,
  'drill.replayState': everyone,
  'drill.replaySeries': everyone,
  'drill.evaluation': everyone,
  'drill.exportReport': ['controller', 'commander', 'analyst'],
} as const satisfies Record<AnyMethodName, readonly Principal[]>;

const roleZh: Record<Principal, string> = {
  anonymous: '未登录',
  viewer: '查看',
  operator: '值班员',
  commander: '指挥长',
  analyst: '分析员',
  admin: '系统管理员',
  controller: '导调',
};

/**
 * null when `role` may call `method`; otherwise the reason (zh-CN first, English beside). role null means no session.
 */
export function authorize(method: string, role: RoleName | null): string | null {
  const principal: Principal = role ?? ANONYMOUS;
  const allowed = Object.prototype.hasOwnProperty.call(methodRoles, method) ? (methodRoles as Record<string, readonly Principal[]>)[method] : undefined;
  if (!allowed) return `未知方法，拒绝 / ${method}: not in the permission table, refused`;
  if (allowed.includes(principal)) return null;
  if (principal === ANONYMOUS) return `请先登录 / ${method}: sign in first`;
  const who = allowed.filter((r) => r !== ANONYMOUS);
  return `${roleZh[principal]}无权执行 / ${method}: role '${principal}' may not call it (allowed: ${who.join(', ')})`;
}
