import type { Sl651StatusBit } from './sl651Types';

// 表58 遥测站状态及报警信息 (ZT, 45H), bits 0–11; higher bits are reserved. Bit meanings as implemented by the open-source
// parsers listed in research NOTES §1.8: [name, meaning of 0, meaning of 1].
const bits: [string, string, string, string, string, string][] = [
  ['交流电充电状态', 'AC charging', '正常', 'normal', '停电', 'power cut'],
  ['蓄电池电压状态', 'battery voltage', '正常', 'normal', '电压低', 'low'],
  ['水位超限报警状态', 'water level limit alarm', '正常', 'normal', '报警', 'alarm'],
  ['流量超限报警状态', 'flow limit alarm', '正常', 'normal', '报警', 'alarm'],
  ['水质超限报警状态', 'water quality limit alarm', '正常', 'normal', '报警', 'alarm'],
  ['流量仪表状态', 'flow meter', '正常', 'normal', '故障', 'fault'],
  ['水位仪表状态', 'water level meter', '正常', 'normal', '故障', 'fault'],
  ['终端箱门状态', 'cabinet door', '开启', 'open', '关闭', 'closed'],
  ['存储器状态', 'memory', '正常', 'normal', '异常', 'error'],
  ['IC卡功能有效', 'IC card function', '关闭', 'off', 'IC卡有效', 'IC card valid'],
  ['水泵工作状态', 'pump', '水泵工作', 'running', '水泵停机', 'stopped'],
  ['剩余水量报警', 'remaining water alarm', '未超限', 'within limit', '水量超限', 'over limit'],
];

/** The named bits 0–11 of a ZT status word. */
export function sl651StatusBits(value: number): Sl651StatusBit[] {
  return bits.map(([nameZh, nameEn, zh0, en0, zh1, en1], bit) => {
    const set = Math.floor(value / 2 ** bit) % 2 === 1;
    return { bit, nameZh, nameEn, set, stateZh: set ? zh1 : zh0, stateEn: set ? en1 : en0 };
  });
}
