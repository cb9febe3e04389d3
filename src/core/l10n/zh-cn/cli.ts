// claude-health 命令行自己的输出的简体中文。
export const CLI_ZH_CN: Readonly<Record<string, string>> = {
  'Claude status: {0} (indicator: {1})': 'Claude 状态：{0}（indicator：{1}）',
  ', updated {0}': '，更新于 {0}',
  'incident: {0} ({1}, {2} impact{3})': '事件：{0}（{1}，影响：{2}{3}）',
  'maintenance: {0} ({1}, {2} to {3})': '维护：{0}（{1}，{2} 至 {3}）',
};
