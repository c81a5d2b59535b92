// SL 651-2014 附录A station type codes (one ASCII letter; HEX frames send its code, e.g. 48H = 'H').

export interface Sl651StationType {
  letter: string;
  nameZh: string;
  nameEn: string;
}

const rows: [string, string, string][] = [
  ['P', '降水', 'precipitation'],
  ['H', '河道', 'river'],
  ['K', '水库（湖泊）', 'reservoir (lake)'],
  ['Z', '闸坝', 'sluice / dam'],
  ['D', '泵站', 'pumping station'],
  ['T', '潮汐', 'tide'],
  ['M', '墒情', 'soil moisture'],
  ['G', '地下水', 'groundwater'],
  ['Q', '水质', 'water quality'],
  ['I', '取水口', 'water intake'],
  ['O', '排水口', 'outfall'],
];

export const sl651StationTypes: ReadonlyMap<string, Sl651StationType> = new Map(
  rows.map(([letter, nameZh, nameEn]) => [letter, { letter, nameZh, nameEn }]),
);
