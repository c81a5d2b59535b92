// SL 651-2014 附录B function codes. E0H–FFH are user-defined.

export interface Sl651FunctionCode {
  code: number;
  nameZh: string;
  nameEn: string;
}

const rows: [number, string, string][] = [
  [0x2f, '链路维持报', 'link keep-alive'],
  [0x30, '测试报', 'test report'],
  [0x31, '均匀时段水文信息报', 'uniform-period report'],
  [0x32, '遥测站定时报', 'timed report'],
  [0x33, '遥测站加报报', 'additional (event) report'],
  [0x34, '遥测站小时报', 'hourly report'],
  [0x35, '遥测站人工置数报', 'manual-entry report'],
  [0x36, '遥测站图片报或中心站查询遥测站图片采集信息', 'picture report / picture query'],
  [0x37, '中心站查询遥测站实时数据', 'real-time data query'],
  [0x38, '中心站查询遥测站时段数据', 'period data query'],
  [0x39, '中心站查询遥测站人工置数', 'manual-entry query'],
  [0x3a, '中心站查询遥测站指定要素数据', 'specified-element query'],
  [0x40, '中心站修改遥测站基本配置表', 'write basic configuration'],
  [0x41, '中心站读取遥测站基本配置表/遥测站自报基本配置表', 'read basic configuration'],
  [0x42, '中心站修改遥测站运行参数配置表', 'write run parameters'],
  [0x43, '中心站读取遥测站运行参数配置表/遥测站自报运行参数配置表', 'read run parameters'],
  [0x44, '查询水泵电机实时工作数据', 'pump motor real-time data query'],
  [0x45, '查询遥测终端软件版本', 'software version query'],
  [0x46, '查询遥测站状态和报警信息', 'status and alarm query'],
  [0x47, '初始化固态存储数据', 'initialise solid-state storage'],
  [0x48, '恢复遥测站出厂设置', 'restore factory settings'],
  [0x49, '修改密码', 'change password'],
  [0x4a, '设置遥测站时钟', 'set station clock'],
  [0x4b, '设置遥测终端IC卡状态', 'set IC card state'],
  [0x4c, '控制水泵开关命令/水泵状态信息自报', 'pump control / pump state report'],
  [0x4d, '控制阀门开关命令/阀门状态信息自报', 'valve control / valve state report'],
  [0x4e, '控制闸门开关命令/闸门状态信息自报', 'gate control / gate state report'],
  [0x4f, '水量定值控制命令', 'water volume set-point control'],
  [0x50, '中心站查询遥测站事件记录', 'event record query'],
  [0x51, '中心站查询遥测站时钟', 'station clock query'],
];

export const sl651FunctionCodes: ReadonlyMap<number, Sl651FunctionCode> = new Map(
  rows.map(([code, nameZh, nameEn]) => [code, { code, nameZh, nameEn }]),
);

/** The function code's entry, a user-defined entry for E0H–FFH, or undefined for a code the standard does not define. */
export function sl651FunctionCode(code: number): Sl651FunctionCode | undefined {
  const known = sl651FunctionCodes.get(code);
  if (known) return known;
  if (code >= 0xe0 && code <= 0xff) return { code, nameZh: '用户自定义', nameEn: 'user-defined' };
  return undefined;
}
