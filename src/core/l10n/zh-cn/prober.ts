// 哪个窗口负责探测（Show Details）的简体中文。
export const PROBER_ZH_CN: Readonly<Record<string, string>> = {
  // view/prober-role.ts
  'this window probes the API and reads the status page for every Claude Health window': '本窗口为所有 Claude Health 窗口探测 API 并读取状态页',
};
