// SL 651-2014 附录C 表C.1: HEX guide byte → ASCII identifier, names, unit and default N(D,d).
// Rows 01H–57H follow the table as quoted in research NOTES §1.5 and open-source parsers; the ASCII identifiers of
// 60H–75H (SYL/SBL/VTA…VIC) are recalled from the standard and should be checked against the text before they are
// shown to operators as authoritative.

export type Sl651Encoding =
  | 'bcd' // packed BCD, N(D,d), definition byte honoured
  | 'time' // F0F0 TT: 5-byte BCD YYMMDDhhmm
  | 'station' // F1F1 ST: 5-byte address + 1-byte station type
  | 'text' // F2F2 RGZS: ASCII text to the end of the body
  | 'picture' // F3F3 PIC: picture bytes to the end of the body
  | 'drp' // F4: 12 × 1 byte HEX, 0.1 mm, FF invalid
  | 'drz' // F5–FC: 12 × 2 bytes HEX, 0.01 m, FFFF invalid
  | 'status' // 45 ZT: 4-byte HEX bit field
  | 'timeStep'; // 04: 3-byte BCD ddhhmm

export interface Sl651ElementDef {
  guide: number;
  id: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  encoding: Sl651Encoding;
  /** N(D,d): total digits D and decimals d; null for non-numeric encodings. */
  digits: number | null;
  decimals: number | null;
}

type Row = [guide: number, id: string, nameZh: string, nameEn: string, unit: string, digits: number, decimals: number];

const numeric: Row[] = [
  [0x01, 'AC', '断面面积', 'cross-section area', 'm²', 8, 2],
  [0x02, 'AI', '瞬时气温', 'air temperature', '℃', 3, 1],
  [0x03, 'C', '瞬时水温', 'water temperature', '℃', 3, 1],
  [0x05, 'DT', '时段长', 'period length (h.mm)', 'h', 5, 2],
  [0x06, 'ED', '日蒸发量', 'daily evaporation', 'mm', 6, 1],
  [0x07, 'EJ', '当前蒸发', 'current evaporation', 'mm', 6, 1],
  [0x08, 'FL', '气压', 'air pressure', 'hPa', 5, 0],
  [0x09, 'GH', '闸坝、水库闸门开启高度', 'gate opening height', 'm', 5, 2],
  [0x0a, 'GN', '输水设备、闸门(组)编号', 'device / gate group number', '', 3, 0],
  [0x0b, 'GS', '输水设备类别', 'device type', '', 1, 0],
  [0x0c, 'GT', '水库、闸坝闸门开启孔数', 'open gate count', '', 3, 0],
  [0x0d, 'GTP', '地温', 'ground temperature', '℃', 3, 1],
  [0x0e, 'H', '地下水瞬时埋深', 'groundwater depth', 'm', 6, 2],
  [0x0f, 'HW', '波浪高度', 'wave height', 'm', 5, 2],
  [0x18, 'MST', '湿度', 'humidity', '%', 4, 1],
  [0x19, 'NS', '开机台数', 'units running', '', 2, 0],
  [0x1a, 'P1', '1小时时段降水量', '1-hour rainfall', 'mm', 5, 1],
  [0x1b, 'P2', '2小时时段降水量', '2-hour rainfall', 'mm', 5, 1],
  [0x1c, 'P3', '3小时时段降水量', '3-hour rainfall', 'mm', 5, 1],
  [0x1d, 'P6', '6小时时段降水量', '6-hour rainfall', 'mm', 5, 1],
  [0x1e, 'P12', '12小时时段降水量', '12-hour rainfall', 'mm', 5, 1],
  [0x1f, 'PD', '日降水量', 'daily rainfall', 'mm', 5, 1],
  [0x20, 'PJ', '当前降水量', 'current rainfall', 'mm', 5, 1],
  [0x21, 'PN01', '1分钟时段降水量', '1-minute rainfall', 'mm', 5, 1],
  [0x22, 'PN05', '5分钟时段降水量', '5-minute rainfall', 'mm', 5, 1],
  [0x23, 'PN10', '10分钟时段降水量', '10-minute rainfall', 'mm', 5, 1],
  [0x24, 'PN30', '30分钟时段降水量', '30-minute rainfall', 'mm', 5, 1],
  [0x25, 'PR', '暴雨量', 'storm rainfall', 'mm', 5, 1],
  [0x26, 'PT', '降水量累计值', 'accumulated rainfall', 'mm', 6, 1],
  [0x27, 'Q', '瞬时流量、抽水流量', 'instantaneous flow', 'm³/s', 9, 3],
  [0x30, 'QA', '总出库流量、过闸总流量', 'total outflow / total gate flow', 'm³/s', 9, 3],
  [0x31, 'QZ', '输水设备流量、过闸(组)流量', 'device / gate group flow', 'm³/s', 9, 3],
  [0x32, 'SW', '输沙量', 'sediment discharge', '10⁴ t', 11, 3],
  [0x33, 'UC', '风向', 'wind direction', '', 2, 0],
  [0x34, 'UE', '风力(级)', 'wind force (Beaufort)', '', 2, 0],
  [0x35, 'US', '风速', 'wind speed', 'm/s', 4, 1],
  [0x36, 'VA', '断面平均流速', 'mean section velocity', 'm/s', 5, 3],
  [0x37, 'VJ', '当前瞬时流速', 'instantaneous velocity', 'm/s', 5, 3],
  [0x38, 'VT', '电源电压', 'supply voltage', 'V', 4, 2],
  [0x39, 'Z', '瞬时河道水位、潮位', 'river stage / tide level', 'm', 7, 3],
  [0x3a, 'ZB', '库(闸、站)下水位', 'downstream water level', 'm', 7, 3],
  [0x3b, 'ZU', '库(闸、站)上水位', 'upstream water level', 'm', 7, 3],
  [0x44, 'SQ', '含沙量', 'sediment concentration', 'kg/m³', 9, 3],
  [0x46, 'pH', 'pH值', 'pH', '', 4, 2],
  [0x47, 'DO', '溶解氧', 'dissolved oxygen', 'mg/L', 4, 1],
  [0x48, 'COND', '电导率', 'conductivity', 'μS/cm', 5, 0],
  [0x49, 'TURB', '浊度', 'turbidity', '度', 3, 0],
  [0x4a, 'CODMN', '高锰酸盐指数', 'permanganate index', 'mg/L', 4, 1],
  [0x4b, 'REDOX', '氧化还原电位', 'redox potential', 'mV', 5, 1],
  [0x4c, 'NH4N', '氨氮', 'ammonia nitrogen', 'mg/L', 6, 2],
  [0x4d, 'TP', '总磷', 'total phosphorus', 'mg/L', 5, 3],
  [0x4e, 'TN', '总氮', 'total nitrogen', 'mg/L', 5, 2],
  [0x4f, 'TOC', '总有机碳', 'total organic carbon', 'mg/L', 4, 2],
  [0x50, 'CU', '铜', 'copper', 'mg/L', 7, 4],
  [0x51, 'ZN', '锌', 'zinc', 'mg/L', 6, 4],
  [0x52, 'SE', '硒', 'selenium', 'mg/L', 7, 5],
  [0x53, 'AS', '砷', 'arsenic', 'mg/L', 7, 5],
  [0x54, 'THG', '总汞', 'total mercury', 'mg/L', 7, 5],
  [0x55, 'CD', '镉', 'cadmium', 'mg/L', 7, 5],
  [0x56, 'PB', '铅', 'lead', 'mg/L', 7, 5],
  [0x57, 'CHLA', '叶绿素a', 'chlorophyll a', 'mg/L', 4, 2],
  [0x70, 'VTA', '交流A相电压', 'AC phase A voltage', 'V', 4, 1],
  [0x71, 'VTB', '交流B相电压', 'AC phase B voltage', 'V', 4, 1],
  [0x72, 'VTC', '交流C相电压', 'AC phase C voltage', 'V', 4, 1],
  [0x73, 'VIA', '交流A相电流', 'AC phase A current', 'A', 4, 1],
  [0x74, 'VIB', '交流B相电流', 'AC phase B current', 'A', 4, 1],
  [0x75, 'VIC', '交流C相电流', 'AC phase C current', 'A', 4, 1],
];

const soilDepths = [10, 20, 30, 40, 50, 60, 80, 100];
soilDepths.forEach((cm, i) => numeric.push([0x10 + i, `M${cm}`, `${cm}厘米处土壤含水量`, `soil moisture at ${cm} cm`, '%', 4, 1]));
for (let n = 1; n <= 8; n++) {
  numeric.push([0x27 + n, `Q${n}`, `取(排)水口流量${n}`, `intake/outfall flow ${n}`, 'm³/s', 9, 3]);
  numeric.push([0x3b + n, `Z${n}`, `取(排)水口水位${n}`, `intake/outfall water level ${n}`, 'm', 7, 3]);
  numeric.push([0x57 + n, `WP${n}`, `水压${n}`, `water pressure ${n}`, 'kPa', 5, 2]);
  numeric.push([0x5f + n, `SYL${n}`, `水表${n}剩余水量`, `water meter ${n} remaining volume`, 'm³', 11, 3]);
  numeric.push([0x67 + n, `SBL${n}`, `水表${n}每小时水量`, `water meter ${n} hourly volume`, 'm³/h', 10, 2]);
}

function special(guide: number, id: string, nameZh: string, nameEn: string, unit: string, encoding: Sl651Encoding): Sl651ElementDef {
  return { guide, id, nameZh, nameEn, unit, encoding, digits: null, decimals: null };
}

const defs: Sl651ElementDef[] = [
  special(0xf0, 'TT', '观测时间', 'observation time', '', 'time'),
  special(0xf1, 'ST', '测站编码', 'station code', '', 'station'),
  special(0xf2, 'RGZS', '人工置数', 'manual entry', '', 'text'),
  special(0xf3, 'PIC', '图片信息', 'picture', '', 'picture'),
  { ...special(0xf4, 'DRP', '1小时内每5分钟时段雨量', '5-minute rainfall over 1 hour', 'mm', 'drp'), decimals: 1 },
  special(0x04, 'DR', '时间步长码', 'time-step code', 'min', 'timeStep'),
  special(0x45, 'ZT', '遥测站状态及报警信息', 'station status and alarms', '', 'status'),
];
for (let n = 1; n <= 8; n++) {
  defs.push({
    ...special(0xf4 + n, `DRZ${n}`, `1小时内5分钟间隔相对水位${n}`, `5-min relative water level ${n}, 1 hour`, 'm', 'drz'),
    decimals: 2,
  });
}
for (const [guide, id, nameZh, nameEn, unit, digits, decimals] of numeric) {
  defs.push({ guide, id, nameZh, nameEn, unit, encoding: 'bcd', digits, decimals });
}

/** Every element of 表C.1 this parser knows, by guide byte. */
export const sl651ElementTable: ReadonlyMap<number, Sl651ElementDef> = new Map(
  defs.sort((a, b) => a.guide - b.guide).map((d) => [d.guide, d]),
);

const byId = new Map<string, Sl651ElementDef>();
for (const d of sl651ElementTable.values()) byId.set(d.id, d);
const byUpperId = new Map<string, Sl651ElementDef>();
for (const d of sl651ElementTable.values()) byUpperId.set(d.id.toUpperCase(), d);

export function sl651ElementByGuide(guide: number): Sl651ElementDef | undefined {
  return sl651ElementTable.get(guide);
}

/** Looks up an ASCII identifier ('PT', 'pH'; case-insensitive as a fallback). */
export function sl651ElementByAsciiId(id: string): Sl651ElementDef | undefined {
  return byId.get(id) ?? byUpperId.get(id.toUpperCase());
}
