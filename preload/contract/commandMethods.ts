import { z } from 'zod';
import { roleNames } from './methodRoles';

/**
 * Command center (issue 8): sign-in, users, incidents, emergency plans (预案) and the audit log.
 * Times are epoch milliseconds. Personal data of reporters reaches the viewer and analyst roles masked (数据脱敏).
 */

const noInput = z.object({}).strict();
const epochMs = z.number().int();
const localized = z.object({ zh: z.string(), en: z.string() });
const text = (max: number, what: string) => z.string().trim().min(1, `${what}: must not be empty`).max(max);

export const roleSchema = z.enum(roleNames);
export type Role = z.infer<typeof roleSchema>;

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  viewer: { zh: '查看', en: 'Viewer' },
  operator: { zh: '值班员', en: 'Duty operator' },
  commander: { zh: '指挥长', en: 'Commander' },
  analyst: { zh: '分析员', en: 'Analyst' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  controller: { zh: '导调', en: 'Exercise controller' },
};

export const incidentTypes = ['flood', 'waterlogging', 'pipe_burst', 'fire', 'hazmat', 'traffic', 'public_security', 'other'] as const;
export type IncidentType = (typeof incidentTypes)[number];
export const incidentTypeLabels: Record<IncidentType, { zh: string; en: string }> = {
  flood: { zh: '洪水', en: 'Flood' },
  waterlogging: { zh: '内涝', en: 'Urban waterlogging' },
  pipe_burst: { zh: '管道爆裂/溢流', en: 'Pipe burst / overflow' },
  fire: { zh: '火灾', en: 'Fire' },
  hazmat: { zh: '危化品泄漏', en: 'Hazardous chemical leak' },
  traffic: { zh: '交通', en: 'Traffic' },
  public_security: { zh: '治安', en: 'Public security' },
  other: { zh: '其他', en: 'Other' },
};

/** reported → verified → dispatched → in_progress → resolved → closed. */
export const incidentStatuses = ['reported', 'verified', 'dispatched', 'in_progress', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];
export const incidentStatusLabels: Record<IncidentStatus, { zh: string; en: string }> = {
  reported: { zh: '已上报', en: 'Reported' },
  verified: { zh: '已核实', en: 'Verified' },
  dispatched: { zh: '已派遣', en: 'Dispatched' },
  in_progress: { zh: '处置中', en: 'In progress' },
  resolved: { zh: '已处置', en: 'Resolved' },
  closed: { zh: '已结案', en: 'Closed' },
};
/**
 * The allowed lifecycle moves. reported → closed is a false report (误报) and resolved → in_progress a relapse (复发):
 * both need a reason. Closing (结案) is the commander's.
 */
export const incidentTransitions: Record<IncidentStatus, readonly IncidentStatus[]> = {
  reported: ['verified', 'closed'],
  verified: ['dispatched'],
  dispatched: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

/** 4 is the most severe, like alarm severities: 特别重大 I, 重大 II, 较大 III, 一般 IV. */
export const severityLabels: Record<1 | 2 | 3 | 4, { zh: string; en: string }> = {
  1: { zh: '一般', en: 'Ordinary' },
  2: { zh: '较大', en: 'Serious' },
  3: { zh: '重大', en: 'Major' },
  4: { zh: '特别重大', en: 'Extraordinary' },
};

/** District units an incident can be assigned to (茅箭区). */
export const departments = [
  { zh: '区应急管理局', en: 'District Emergency Management Bureau' },
  { zh: '区水利和湖泊局', en: 'District Water Resources and Lakes Bureau' },
  { zh: '区住建局', en: 'District Housing and Urban-Rural Development Bureau' },
  { zh: '公安茅箭分局', en: 'Maojian Public Security Sub-bureau' },
  { zh: '区城管执法局', en: 'District Urban Management and Law Enforcement Bureau' },
  { zh: '区消防救援大队', en: 'District Fire and Rescue Brigade' },
  { zh: '市生态环境局茅箭分局', en: 'Maojian Branch, Municipal Ecology and Environment Bureau' },
  { zh: '区交通运输局', en: 'District Transport Bureau' },
  { zh: '区卫生健康局', en: 'District Health Commission' },
  { zh: '供排水企业', en: 'Water supply and drainage utility' },
  { zh: '属地街道办事处', en: 'Local sub-district office' },
] as const;
export const departmentNames: readonly string[] = departments.map((d) => d.zh);

export const responseLevels = ['IV', 'III', 'II', 'I'] as const;
export type ResponseLevel = (typeof responseLevels)[number];
export const responseLevelLabels: Record<ResponseLevel, { zh: string; en: string }> = {
  IV: { zh: 'Ⅳ级应急响应（一般）', en: 'Level IV response (ordinary)' },
  III: { zh: 'Ⅲ级应急响应（较大）', en: 'Level III response (serious)' },
  II: { zh: 'Ⅱ级应急响应（重大）', en: 'Level II response (major)' },
  I: { zh: 'Ⅰ级应急响应（特别重大）', en: 'Level I response (extraordinary)' },
};

export const userInfoSchema = z.object({
  username: z.string(),
  displayName: z.string().nullable(),
  role: roleSchema,
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: epochMs,
});
export type UserInfo = z.infer<typeof userInfoSchema>;

export const usernameSchema = z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/, 'username: 2–32 lowercase letters, digits, . _ - (starting with a letter)');
export const passwordSchema = z.string().min(10, 'password: at least 10 characters').max(256, 'password: at most 256 characters');

export const whoamiSchema = z.object({ user: userInfoSchema, expiresAt: epochMs });

export const reporterSchema = z.object({
  name: z.string().trim().max(50).nullable(),
  phone: z.string().trim().max(30).nullable(),
  idNumber: z.string().trim().max(30).nullable(),
  /** false when the fields were masked for the caller's role. */
  unmasked: z.boolean(),
});
export type ReporterInfo = z.infer<typeof reporterSchema>;

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const incidentSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  type: z.enum(incidentTypes),
  severity: z.number().int().min(1).max(4),
  status: z.enum(incidentStatuses),
  location: lonLat,
  address: z.string().nullable(),
  department: z.string(),
  origin: z.enum(['alarm', 'map', 'manual']),
  alarmId: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: epochMs,
  updatedAt: epochMs,
  closedAt: epochMs.nullable(),
  openTasks: z.number().int().nonnegative(),
  activePlans: z.array(z.object({ planId: z.string(), level: z.enum(responseLevels) })),
});
export type IncidentSummary = z.infer<typeof incidentSummarySchema>;

export const incidentTaskSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  assignee: z.string(),
  dueAt: epochMs.nullable(),
  done: z.boolean(),
  doneAt: epochMs.nullable(),
  doneBy: z.string().nullable(),
  createdBy: z.string(),
  createdAt: epochMs,
});
export type IncidentTask = z.infer<typeof incidentTaskSchema>;

export const timelineEntrySchema = z.object({
  id: z.number().int(),
  at: epochMs,
  user: z.string(),
  role: z.string(),
  kind: z.string(),
  summary: localized,
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const checklistItemSchema = z.object({
  id: z.string(),
  level: z.enum(responseLevels),
  text: localized,
  units: z.array(z.string()),
  done: z.boolean(),
  doneBy: z.string().nullable(),
  doneAt: epochMs.nullable(),
});

export const activationSchema = z.object({
  id: z.number().int(),
  incidentId: z.number().int(),
  planId: z.string(),
  planTitle: localized,
  demo: z.boolean(),
  level: z.enum(responseLevels),
  state: z.enum(['active', 'ended']),
  activatedBy: z.string(),
  activatedAt: epochMs,
  updatedAt: epochMs,
  /** The actions of the current level and every milder one (a higher response adds to the lower). */
  checklist: z.array(checklistItemSchema),
});
export type ActivationInfo = z.infer<typeof activationSchema>;

export const incidentDetailSchema = incidentSummarySchema.extend({
  description: z.string().nullable(),
  reporter: reporterSchema,
  tasks: z.array(incidentTaskSchema),
  notes: z.array(z.object({ id: z.number().int(), at: epochMs, author: z.string(), text: z.string() })),
  attachments: z.array(
    z.object({ id: z.number().int(), name: z.string(), path: z.string(), sha256: z.string(), size: z.number().int(), addedBy: z.string(), addedAt: epochMs }),
  ),
  timeline: z.array(timelineEntrySchema),
  activations: z.array(activationSchema),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

export const incidentCreateInput = z
  .object({
    origin: z.enum(['alarm', 'map', 'manual']),
    /** mon_alarms id, required when origin is 'alarm'. */
    alarmId: z.number().int().positive().optional(),
    type: z.enum(incidentTypes),
    title: text(200, 'title'),
    description: z.string().trim().max(4000).optional(),
    /** [lon, lat]; for an alarm it defaults to its station. */
    location: lonLat.optional(),
    address: z.string().trim().max(300).optional(),
    severity: z.number().int().min(1).max(4).optional(),
    department: z.string().trim().min(1).max(60),
    reporter: z
      .object({
        name: z.string().trim().max(50).optional(),
        phone: z
          .string()
          .trim()
          .regex(/^[0-9+\-() ]{5,30}$/, 'reporter.phone: digits, spaces, + - ( ) (5–30)')
          .optional(),
        idNumber: z
          .string()
          .trim()
          .regex(/^(\d{15}|\d{17}[\dXx])$/, 'reporter.idNumber: a 15- or 18-character resident ID number')
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type IncidentCreateInput = z.infer<typeof incidentCreateInput>;

export const planLevelSchema = z.object({
  level: z.enum(responseLevels),
  /** 启动条件 as written in the plan. */
  triggers: z.array(localized),
  /** Machine-readable part of the trigger: the incident severity from which this level applies. */
  minSeverity: z.number().int().min(1).max(4),
  /** 响应措施 with their 责任单位. */
  actions: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), text: localized, units: z.array(z.string()).min(1) })),
});

export const planSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/),
  title: localized,
  /** 演示预案: demo data, not an adopted plan of the district. */
  demo: z.boolean(),
  incidentTypes: z.array(z.enum(incidentTypes)).min(1),
  /** 编制依据 / 适用范围 / 指挥机构. */
  basis: z.array(z.string()),
  scope: localized,
  command: localized,
  leadUnit: z.string(),
  levels: z.array(planLevelSchema).length(4),
});
export type EmergencyPlan = z.infer<typeof planSchema>;

export const planMatchSchema = z.object({
  planId: z.string(),
  title: localized,
  demo: z.boolean(),
  suggestedLevel: z.enum(responseLevels),
  triggers: z.array(localized),
  primary: z.boolean(),
});

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: epochMs,
  user: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int().nonnegative(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

const incidentId = z.number().int().positive();
const reason = z.string().trim().max(500).optional();

export const commandMethods = {
  /** Local sign-in. Returns a session token the host keeps for this window. */
  'auth.login': {
    input: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    output: z.object({ token: z.string(), expiresAt: epochMs, user: userInfoSchema }),
  },
  'auth.logout': { input: noInput, output: z.object({ loggedOut: z.boolean() }) },
  'auth.whoami': { input: noInput, output: whoamiSchema },
  'users.list': { input: noInput, output: z.object({ users: z.array(userInfoSchema) }) },
  'users.create': {
    input: z.object({ username: usernameSchema, displayName: z.string().trim().max(60).optional(), role: roleSchema, password: passwordSchema }).strict(),
    output: userInfoSchema,
  },
  'users.setDisabled': { input: z.object({ username: usernameSchema, disabled: z.boolean() }).strict(), output: userInfoSchema },
  'users.setPassword': {
    input: z.object({ username: usernameSchema, password: passwordSchema, currentPassword: z.string().max(256).optional() }).strict(),
    output: userInfoSchema,
  },
  'incidents.list': {
    input: z.object({ open: z.boolean().default(true), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    output: z.object({ incidents: z.array(incidentSummarySchema) }),
  },
  'incidents.get': { input: z.object({ id: incidentId }).strict(), output: incidentDetailSchema },
  'incidents.create': { input: incidentCreateInput, output: incidentDetailSchema },
  'incidents.transition': {
    input: z.object({ id: incidentId, to: z.enum(incidentStatuses), reason }).strict(),
    output: incidentDetailSchema,
  },
  'incidents.addTask': {
    input: z.object({ id: incidentId, title: text(200, 'title'), assignee: z.string().min(1).max(64), dueAt: epochMs.optional() }).strict(),
    output: incidentDetailSchema,
  },
  'incidents.setTaskDone': {
    input: z.object({ id: incidentId, taskId: z.number().int().positive(), done: z.boolean() }).strict(),
    output: incidentDetailSchema,
  },
  'incidents.addNote': { input: z.object({ id: incidentId, text: text(4000, 'text') }).strict(), output: incidentDetailSchema },
  /** Attaches a file on the host by reference: its path, SHA-256 and size are recorded, the file is not copied. */
  'incidents.addAttachment': {
    input: z
      .object({
        id: incidentId,
        path: z
          .string()
          .min(1)
          .max(4096)
          .refine((p) => !p.includes('\0') && (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)), 'path: an absolute path on the host'),
      })
      .strict(),
    output: incidentDetailSchema,
  },
  'plans.list': { input: noInput, output: z.object({ plans: z.array(planSchema) }) },
  'plans.match': { input: z.object({ incidentId }).strict(), output: z.object({ matches: z.array(planMatchSchema) }) },
  'plans.activate': {
    input: z.object({ incidentId, planId: z.string().min(1).max(64), level: z.enum(responseLevels) }).strict(),
    output: activationSchema,
  },
  'plans.setLevel': {
    input: z.object({ activationId: z.number().int().positive(), level: z.enum(responseLevels), reason }).strict(),
    output: activationSchema,
  },
  'plans.setChecklistItem': {
    input: z.object({ activationId: z.number().int().positive(), itemId: z.string().min(1).max(64), done: z.boolean() }).strict(),
    output: activationSchema,
  },
  'audit.list': {
    input: z
      .object({ afterSeq: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(5000).default(500), target: z.string().max(200).optional() })
      .strict(),
    output: z.object({ entries: z.array(auditEntrySchema) }),
  },
  'audit.verify': { input: noInput, output: auditVerifySchema },
} as const;

export type CommandMethods = typeof commandMethods;
export type CommandMethodName = keyof CommandMethods;
