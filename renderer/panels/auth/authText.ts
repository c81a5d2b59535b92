import type { Locale } from '../../ui/locale';

const zh = {
  'login.open': '登录',
  'login.title': '值班人员登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.cancel': '取消',
  'login.logout': '退出',
  'login.failed': '登录失败',
  'login.mustChange': '首次登录请修改密码',
  'role.viewer': '查看',
  'role.operator': '值班员',
  'role.commander': '指挥长',
  'role.analyst': '分析员',
  'role.admin': '系统管理员',
  'role.controller': '导调',
} as const;
export type AuthTextKey = keyof typeof zh;
const en: Record<AuthTextKey, string> = {
  'login.open': 'Sign in',
  'login.title': 'Duty sign-in',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.cancel': 'Cancel',
  'login.logout': 'Sign out',
  'login.failed': 'Sign-in failed',
  'login.mustChange': 'Change your password at first sign-in',
  'role.viewer': 'Viewer',
  'role.operator': 'Duty operator',
  'role.commander': 'Commander',
  'role.analyst': 'Analyst',
  'role.admin': 'Administrator',
  'role.controller': 'Exercise controller',
};

export function authText(locale: Locale): (key: AuthTextKey) => string {
  return (key) => (locale === 'zh-CN' ? zh[key] : en[key]);
}
