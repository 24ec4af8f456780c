// Simplified Chinese, the default language. This dictionary defines the key set: every other
// language must supply exactly these keys (see en.ts). Wording follows command-room usage.
export const zhCN = {
  'app.title': 'Muster 警力指挥台',
  'app.loading': '正在连接指挥台…',
  'app.loadError': '无法加载数据：{message}',
  'app.unreachable':
    '无法连接指挥台，正在重试。请确认 npm run serve 仍在运行；若其已重启，请打开它新打印的地址（令牌会变化）。',

  'noToken.title': '缺少访问令牌',
  'noToken.body':
    '本页面需要指挥台签发的访问令牌。请在运行 npm run serve 的电脑上，复制终端打印的完整地址（含 ?token=…），在此浏览器中打开。',
  'noToken.hint': '令牌只在本次浏览器会话中保存；关闭标签页后需重新打开该地址。',

  'status.region': '辖区',
  'status.broker': '消息代理',
  'status.brokerEmbedded': '内置',
  'status.brokerExternal': '外部',
  'status.msgsPerSec': '消息/秒',
  'status.unitsOnline': '在线警力',
  'status.accepted': '已接收',
  'status.rejected': '已拒收',
  'status.rejectedTitle': '拒收原因',
  'status.rejectedNone': '暂无拒收消息',
  'status.console': '指挥台连接',
  'status.clock': '时间',
  'status.simulator': '模拟数据',
  'status.noData': '—',
  'status.lastError': '最近错误：{message}',
  'status.storeError': '数据存储异常',

  'console.local': '本机',
  'console.connecting': '连接中',
  'console.open': '已连接',
  'console.closed': '已断开，重连中',

  'broker.connecting': '连接中',
  'broker.connected': '已连接',
  'broker.reconnecting': '重连中',
  'broker.offline': '离线',

  'reject.too-large': '消息过大',
  'reject.malformed-json': 'JSON 格式错误',
  'reject.bad-topic': '主题不合规',
  'reject.schema': '字段校验失败',
  'reject.out-of-range': '数值越界',
  'reject.timestamp-out-of-range': '时间戳异常',
  'reject.unknown-device': '未登记设备',
  'reject.kind-mismatch': '设备类型不符',

  'kind.officer-pair': '步巡组（执法记录仪）',
  'kind.patrol-car': '巡逻车',
  'kind.motorbike': '铁骑',
  'kind.traffic-car': '交警车',
  'kind.drone': '无人机',

  'liveness.unknown': '未知',
  'liveness.online': '在线',
  'liveness.stale': '信号延迟',
  'liveness.offline': '离线',

  'legend.title': '图例',
  'legend.kinds': '警力类型',
  'legend.liveness': '在线状态',
  'legend.station': '派出所 / 中队（模拟位置）',
  'legend.jurisdiction': '辖区边界（示意）',
  'legend.outline': '县域范围（示意）',
  'legend.river': '河流',
  'legend.place': '乡镇 / 地名',

  'map.schematic': '示意图：辖区范围与站点位置为示意，警力为模拟数据',

  // Language names are shown in their own script in every language, as language pickers do.
  'lang.zh': '中',
  'lang.en': 'EN',
  'lang.toggleTitle': '切换界面语言 / Switch language',

  'about.button': '关于 / 数据来源',
  'about.title': '关于 Muster 与数据来源',
  'about.intro': 'Muster 是面向值班指挥长的警力指挥调度台。',
  'about.credits': '数据来源与许可',
  'about.schematic': '辖区边界为示意（非官方边界），派出所位置为模拟位置，不代表真实地址。',
  'about.simulated': '当前警力与轨迹为模拟数据，不代表真实警力部署。',
  'about.software': '地图引擎：MapLibre GL JS（BSD-3-Clause）；图层渲染：deck.gl（MIT）。',
  'about.close': '关闭',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof zhCN;
