// 设置值的校验（settings/spec.ts）的简体中文：watch 的 --config 文件和参数用它拒绝错误的值。
// 分号“；”之后是扩展自己采用的替代值，命令行会去掉这一部分。
export const SETTINGS_ZH_CN: Readonly<Record<string, string>> = {
  '{0} could not be read; using the default.': '{0} 无法读取；改用默认值。',
  '{0} must be one of {1}; using {2}.': '{0} 必须是 {1} 之一；改用 {2}。',
  '{0} must be true or false; using {1}.': '{0} 必须是 true 或 false；改用 {1}。',
  '{0} is not a model name; using {1}.': '{0} 不是模型名；改用 {1}。',
  '{0} must be text of at most {1} characters; using {2}.': '{0} 必须是不超过 {1} 个字符的文本；改用 {2}。',
  '{0} must be text of at most {1} characters; using none.': '{0} 必须是不超过 {1} 个字符的文本；不使用该值。',
  '{0} must be a number; using {1}.': '{0} 必须是数字；改用 {1}。',
  '{0} must be between {1} and {2}; using {3}.': '{0} 必须在 {1} 到 {2} 之间；改用 {3}。',
  'using {0}': '改用 {0}',
  'it is ignored': '已忽略',
  '{0} must be a URL; {1}.': '{0} 必须是 URL；{1}。',
  '{0} {1}; {2}.': '{0} {1}；{2}。',
  '{0} must be a list; using the default.': '{0} 必须是列表；改用默认值。',
  '{0} has more than {1} entries; only the first {2} are read.': '{0} 超过 {1} 项；只读取前 {2} 项。',
  '{0} has an invalid entry {1}; it is ignored.': '{0} 有一项无效：{1}；已忽略。',
  '{0} has {1} invalid entries, the first {2}; they are ignored.': '{0} 有 {1} 项无效，第一项是 {2}；已忽略。',
  '{0} keeps only its first {1} entries.': '{0} 只保留前 {1} 项。',
  '{0} is empty; using the default.': '{0} 为空；改用默认值。',
};
