import type { EmergencyPlan } from '../../../preload/contract/commandMethods';

/**
 * Four demo plans (演示预案) in the structure of a district-level 专项应急预案: 编制依据, 适用范围, 组织指挥体系,
 * and per response level (Ⅳ mildest → Ⅰ) 启动条件 and 响应措施 with 责任单位. Written for the demo from the usual
 * pattern of such plans; they are not the adopted plans of Maojian District and say so (demo: true).
 */
const L = (zh: string, en: string) => ({ zh, en });
const A = (id: string, zh: string, en: string, ...units: string[]) => ({ id, text: L(zh, en), units });

const floodControl: EmergencyPlan = {
  id: 'flood-control',
  title: L('茅箭区防汛应急预案（演示预案）', 'Maojian flood control plan (demo)'),
  demo: true,
  incidentTypes: ['flood', 'waterlogging'],
  basis: ['《中华人民共和国防洪法》', '《中华人民共和国防汛条例》', '《湖北省防汛抗旱应急预案》', '《十堰市防汛抗旱应急预案》'],
  scope: L('辖区内河道洪水、山洪、水库险情及暴雨引发的洪涝灾害的预防和应急处置', 'River floods, flash floods, reservoir emergencies and rainstorm floods in the district'),
  command: L('区防汛抗旱指挥部（区防指）统一指挥，办公室设在区应急管理局', 'District flood control and drought relief HQ; its office sits at the Emergency Management Bureau'),
  leadUnit: '区应急管理局',
  levels: [
    {
      level: 'IV',
      minSeverity: 1,
      triggers: [L('气象部门发布暴雨蓝色预警', 'Blue rainstorm warning issued'), L('辖区主要河道水位接近警戒水位', 'Main rivers approach the warning level'), L('小型水库出现一般险情', 'Ordinary danger at a small reservoir')],
      actions: [
        A('fc-iv-duty', '区防办实行24小时值班，主持会商并报告区防指', 'Flood office on 24 h duty, holds a consultation and reports to HQ', '区应急管理局'),
        A('fc-iv-monitor', '加密水雨情监测，巡查水库、堤防和山洪危险区', 'Denser rain/water monitoring; patrol reservoirs, embankments, flash-flood zones', '区水利和湖泊局'),
        A('fc-iv-warn', '通过短信、广播向危险区域发布预警信息', 'Warnings to danger zones by SMS and loudspeaker', '区应急管理局', '属地街道办事处'),
        A('fc-iv-grid', '街道、社区网格员上岗，落实转移责任人', 'Sub-district grid staff on post; evacuation officers named', '属地街道办事处'),
      ],
    },
    {
      level: 'III',
      minSeverity: 2,
      triggers: [L('气象部门发布暴雨橙色预警', 'Orange rainstorm warning issued'), L('主要河道超过警戒水位', 'Main rivers above the warning level'), L('小型水库出现较大险情', 'Serious danger at a small reservoir')],
      actions: [
        A('fc-iii-consult', '区防指副指挥长主持会商，部署防御工作', 'HQ deputy commander leads the consultation and deploys defences', '区应急管理局'),
        A('fc-iii-teams', '防汛抢险队伍和物资向重点部位预置', 'Rescue teams and materials pre-positioned at key points', '区应急管理局', '区消防救援大队'),
        A('fc-iii-evacuate', '组织危险区域群众预防性转移', 'Preventive evacuation of people in danger zones', '属地街道办事处', '公安茅箭分局'),
        A('fc-iii-traffic', '对漫水路段、危险桥涵实施交通管制', 'Traffic control on flooded roads and unsafe culverts', '公安茅箭分局', '区交通运输局'),
      ],
    },
    {
      level: 'II',
      minSeverity: 3,
      triggers: [L('气象部门发布暴雨红色预警', 'Red rainstorm warning issued'), L('主要河道超过保证水位', 'Main rivers above the guaranteed level'), L('小(1)型以上水库出现重大险情', 'Major danger at a reservoir of class small (1) or larger')],
      actions: [
        A('fc-ii-command', '区防指指挥长主持会商，成员单位进驻指挥中心', 'HQ commander leads; member units move into the command center', '区应急管理局'),
        A('fc-ii-reservoir', '水库降低水位运行，抢险专家驻守险工险段', 'Reservoirs lowered; experts stationed at dangerous sections', '区水利和湖泊局'),
        A('fc-ii-medical', '医疗救护队伍待命，做好卫生防疫', 'Medical teams on standby; epidemic prevention', '区卫生健康局'),
        A('fc-ii-report', '每2小时向市防指报告汛情、险情、灾情', 'Report to the city HQ every 2 h', '区应急管理局'),
      ],
    },
    {
      level: 'I',
      minSeverity: 4,
      triggers: [L('发生特大暴雨，多条河道超历史最高水位', 'Extreme rainstorm; several rivers above record levels'), L('水库可能垮坝或堤防决口', 'Possible dam failure or embankment breach')],
      actions: [
        A('fc-i-mobilize', '全区进入紧急防汛期，全面动员', 'District-wide emergency flood period; full mobilisation', '区应急管理局'),
        A('fc-i-support', '请求市防指及驻地部队、武警支援', 'Request support from the city HQ, the army and the armed police', '区应急管理局'),
        A('fc-i-evacuate', '按预案组织受威胁区域群众全面转移安置', 'Full evacuation and shelter of threatened areas', '属地街道办事处', '公安茅箭分局'),
      ],
    },
  ],
};

const urbanWaterlogging: EmergencyPlan = {
  id: 'urban-waterlogging',
  title: L('茅箭区城市内涝应急预案（演示预案）', 'Maojian urban waterlogging plan (demo)'),
  demo: true,
  incidentTypes: ['waterlogging', 'flood'],
  basis: ['《城镇排水与污水处理条例》', '《室外排水设计标准》GB 50014', '《十堰市城市防洪排涝应急预案》'],
  scope: L('城区道路、下穿通道、低洼小区因强降雨造成积水内涝的处置', 'Waterlogging of streets, underpasses and low-lying estates after heavy rain'),
  command: L('区防指统一指挥，城市排涝由区住建局牵头', 'Under the district HQ; urban drainage led by the Housing and Construction Bureau'),
  leadUnit: '区住建局',
  levels: [
    {
      level: 'IV',
      minSeverity: 1,
      triggers: [L('1小时降雨量达到30毫米', '30 mm of rain in 1 hour'), L('主次干道积水深度超过15厘米', 'Water over 15 cm on main roads')],
      actions: [
        A('uw-iv-patrol', '排水巡查队伍上路，清理雨水箅子和易涝点', 'Drainage patrols clear gully grates and known hot spots', '区住建局', '供排水企业'),
        A('uw-iv-pumps', '排涝泵站开机运行，报告运行状态', 'Drainage pumping stations running; status reported', '供排水企业'),
        A('uw-iv-signs', '易涝点设置警示标志和值守人员', 'Warning signs and wardens at waterlogging points', '区城管执法局'),
      ],
    },
    {
      level: 'III',
      minSeverity: 2,
      triggers: [L('1小时降雨量达到50毫米', '50 mm of rain in 1 hour'), L('下穿通道积水深度超过30厘米', 'Water over 30 cm in an underpass')],
      actions: [
        A('uw-iii-close', '封闭积水下穿通道并疏导交通', 'Close flooded underpasses and divert traffic', '公安茅箭分局', '区城管执法局'),
        A('uw-iii-mobile', '移动泵车到易涝点强排', 'Mobile pump trucks to the hot spots', '区住建局', '区消防救援大队'),
        A('uw-iii-estates', '排查地下车库、低洼小区并转移车辆人员', 'Check basements and low estates; move people and cars', '属地街道办事处'),
      ],
    },
    {
      level: 'II',
      minSeverity: 3,
      triggers: [L('城区大范围积水超过50厘米', 'Widespread water over 50 cm'), L('出现人员被困', 'People trapped')],
      actions: [
        A('uw-ii-rescue', '组织被困人员搜救', 'Search and rescue of trapped people', '区消防救援大队'),
        A('uw-ii-power', '协调供电部门对积水区域断电防触电', 'Cut power in flooded areas against electrocution', '区住建局'),
      ],
    },
    {
      level: 'I',
      minSeverity: 4,
      triggers: [L('城区大面积严重内涝，城市运行中断', 'Severe citywide waterlogging; city operations interrupted')],
      actions: [
        A('uw-i-escalate', '提请区防指启动防汛Ⅰ级响应并请求市级支援', 'Ask the HQ for a level I flood response and city support', '区应急管理局'),
        A('uw-i-shelter', '开放应急避难场所安置受灾群众', 'Open emergency shelters', '属地街道办事处', '区卫生健康局'),
      ],
    },
  ],
};

const pipeBurst: EmergencyPlan = {
  id: 'pipe-burst',
  title: L('茅箭区供排水管道爆裂应急预案（演示预案）', 'Maojian water and sewer pipe burst plan (demo)'),
  demo: true,
  incidentTypes: ['pipe_burst'],
  basis: ['《城镇供水管网运行、维护及安全技术规程》CJJ 207', '《城镇排水管道维护安全技术规程》CJJ 6', '《十堰市城市供水突发事件应急预案》'],
  scope: L('供水管道爆管、排水管道破损溢流及由此引发的路面塌陷、停水', 'Water main bursts, sewer breaks and overflows, and the resulting subsidence and outages'),
  command: L('区住建局牵头，供排水企业负责抢修', 'Led by the Housing and Construction Bureau; the utility repairs'),
  leadUnit: '区住建局',
  levels: [
    {
      level: 'IV',
      minSeverity: 1,
      triggers: [L('DN300以下管道爆裂或溢流，影响范围较小', 'Burst or overflow of a pipe below DN300, local effect')],
      actions: [
        A('pb-iv-isolate', '关闭上下游阀门，隔离爆管段', 'Close valves up- and downstream; isolate the section', '供排水企业'),
        A('pb-iv-cordon', '设置围挡和警示，维护现场秩序', 'Fence off and sign the site; keep order', '区城管执法局'),
        A('pb-iv-notify', '向受影响用户发布停水通知', 'Notify affected customers of the outage', '供排水企业', '属地街道办事处'),
      ],
    },
    {
      level: 'III',
      minSeverity: 2,
      triggers: [L('DN300及以上管道爆裂，或影响主干道通行', 'Burst of DN300 or larger, or a main road affected')],
      actions: [
        A('pb-iii-traffic', '实施交通管制和绕行', 'Traffic control and detours', '公安茅箭分局', '区交通运输局'),
        A('pb-iii-water', '启用临时供水车保障居民和重点单位用水', 'Water tankers for residents and key users', '供排水企业', '属地街道办事处'),
        A('pb-iii-sewage', '污水溢流时围堵并抽排，防止进入河道', 'Contain and pump sewage overflow away from rivers', '供排水企业', '市生态环境局茅箭分局'),
      ],
    },
    {
      level: 'II',
      minSeverity: 3,
      triggers: [L('引发路面塌陷或建筑物安全隐患', 'Road subsidence or building safety hazard'), L('停水用户超过1万户', 'More than 10 000 households without water')],
      actions: [
        A('pb-ii-structure', '组织专家评估塌陷和周边建筑安全', 'Experts assess the subsidence and nearby buildings', '区住建局'),
        A('pb-ii-evacuate', '疏散危险区域人员', 'Evacuate the danger area', '属地街道办事处', '公安茅箭分局'),
      ],
    },
    {
      level: 'I',
      minSeverity: 4,
      triggers: [L('主供水干管爆裂造成城区大面积停水', 'Trunk main burst; large-scale outage')],
      actions: [A('pb-i-city', '报请市政府启动城市供水突发事件应急响应', 'Ask the city for its water supply emergency response', '区住建局', '区应急管理局')],
    },
  ],
};

const hazmatLeak: EmergencyPlan = {
  id: 'hazmat-leak',
  title: L('茅箭区危险化学品泄漏事故应急预案（演示预案）', 'Maojian hazardous chemical leak plan (demo)'),
  demo: true,
  incidentTypes: ['hazmat', 'fire'],
  basis: ['《中华人民共和国安全生产法》', '《危险化学品安全管理条例》', '《生产安全事故应急条例》', '《十堰市危险化学品事故应急预案》'],
  scope: L('危险化学品生产、储存、使用、运输环节的泄漏、火灾、爆炸事故', 'Leaks, fires and explosions in production, storage, use and transport of hazardous chemicals'),
  command: L('区应急管理局牵头成立现场指挥部', 'A field HQ set up under the Emergency Management Bureau'),
  leadUnit: '区应急管理局',
  levels: [
    {
      level: 'IV',
      minSeverity: 1,
      triggers: [L('少量泄漏，可控制在企业或车辆范围内', 'Small leak contained on site or in the vehicle')],
      actions: [
        A('hz-iv-assess', '核实泄漏物质、数量和现场情况', 'Identify the substance, quantity and situation', '区应急管理局'),
        A('hz-iv-fire', '消防救援力量到场处置，堵漏', 'Fire and rescue on site; stop the leak', '区消防救援大队'),
        A('hz-iv-cordon', '划定警戒区，禁止无关人员进入', 'Set a cordon; keep the public out', '公安茅箭分局'),
      ],
    },
    {
      level: 'III',
      minSeverity: 2,
      triggers: [L('泄漏扩散至企业外或道路', 'Leak spreads beyond the site or onto the road'), L('有人员中毒或受伤', 'Poisoning or injuries')],
      actions: [
        A('hz-iii-monitor', '开展大气、水体环境应急监测', 'Emergency air and water monitoring', '市生态环境局茅箭分局'),
        A('hz-iii-medical', '组织伤员救治和医疗救护', 'Treat the injured', '区卫生健康局'),
        A('hz-iii-evacuate', '按下风向疏散周边群众', 'Evacuate people downwind', '属地街道办事处', '公安茅箭分局'),
      ],
    },
    {
      level: 'II',
      minSeverity: 3,
      triggers: [L('发生火灾爆炸或有毒气体大范围扩散', 'Fire, explosion or widespread toxic gas'), L('3人以上死亡或10人以上重伤', '3+ deaths or 10+ seriously injured')],
      actions: [
        A('hz-ii-field-hq', '成立现场指挥部，区政府分管领导到场指挥', 'Field HQ led by the responsible district leader', '区应急管理局'),
        A('hz-ii-water', '防止消防废水和泄漏物进入雨水管网和河道', 'Keep firewater and spill out of drains and rivers', '市生态环境局茅箭分局', '供排水企业'),
      ],
    },
    {
      level: 'I',
      minSeverity: 4,
      triggers: [L('特别重大危化品事故，超出区级处置能力', 'Extraordinary accident beyond district capacity')],
      actions: [A('hz-i-city', '报请市政府启动市级响应，区级力量配合', 'Request the city response; district forces assist', '区应急管理局')],
    },
  ],
};

export const demoPlans: readonly EmergencyPlan[] = [floodControl, urbanWaterlogging, pipeBurst, hazmatLeak];
