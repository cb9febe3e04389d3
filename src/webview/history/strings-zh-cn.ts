// 历史面板的简体中文（与 strings-en.ts 同一张表）。产品名、HTTP 状态码、
// 头部名称和设置名保持原文。
import type { HistoryStrings } from './strings-en';

const MONTHS = Array.from({ length: 12 }, (_, index) => `${index + 1}月`);

export const HISTORY_ZH_CN: HistoryStrings = {
  title: 'Claude API 历史',
  colon: '：',
  range: '时间范围',
  rangeLabel: (hours) => (hours >= 168 ? '7 天' : `${hours} 小时`),
  source: '来源',
  sources: { all: '全部来源', probe: '探测', tap: '流量监听', 'claude-code': 'Claude Code' },
  exportCsv: '导出 CSV…',
  exportJson: '导出 JSON…',
  health: '健康状况与状态页',
  healthHelp: '上面一行是状态栏显示过的健康状况；下面的色带是状态页报告的事件和维护。',
  noBands: '这段时间内状态页没有报告事件或维护。',
  requests: '按结果统计的请求',
  latency: '已响应请求的延迟',
  heat: '529 过载（按一天中的小时）',
  heatHelp: '每个保存的日期一行，每小时一格（本地时间）。颜色越深，529 越多。',
  heatCell: (day, hour, overloaded, total) => `${day} ${String(hour).padStart(2, '0')}:00：${total} 个请求中有 ${overloaded} 个 529`,
  noHeat: '还没有保存任何请求。',
  errors: '最近的错误',
  noErrors: '这段时间内没有错误。',
  errorColumns: ['时间', '来源', '类型', 'HTTP 状态码', 'request-id', 'retry-after'],
  kinds: { ok: '成功', overloaded: '529 过载', rate_limited: '429 限流', server_error: '5xx', network: '网络 / 超时', other: '其他（认证、4xx）' },
  states: { operational: '正常', degraded: '降级', outage: '故障', maintenance: '维护', unknown: '未知', unconfigured: '未配置', none: '无数据' },
  impacts: { none: '无影响', minor: '轻微', major: '严重', critical: '危急', maintenance: '维护' },
  band: (kind, name, impact, ongoing) => `${kind === 'maintenance' ? '维护' : '事件'}：${name}（影响：${impact}${ongoing ? '，进行中' : ''}）`,
  totals: (total) => `这段时间内共 ${total} 个请求`,
  waiting: '正在等待数据…',
  retention: (hours) => `保留 ${hours} 小时（claudeHealth.history.retentionHours）。`,
  requestsAxis: '请求数',
  time: '时间',
  chartDateNames: {
    MMMM: MONTHS,
    MMM: MONTHS,
    WWWW: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    WWW: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  },
  // 24 小时制、年月日顺序："{h}{aa}\n{M}/{D}/{YY}" → "{HH}:00\n{YYYY}年{M}月{D}日"。
  chartDateTemplate: (template) =>
    template
      .replace(/\{M\}\/\{D\}\/\{YY\}/g, '{YYYY}年{M}月{D}日')
      .replace(/\{M\}\/\{D\}/g, '{M}月{D}日')
      .replace(/\{h\}\{aa\}/g, '{HH}:00')
      .replace(/\{h\}/g, '{HH}')
      .replace(/\{(aa|AA|a)\}/g, ''),
};
