// claude-health --help 与各命令 --help 的简体中文：命令、参数、环境变量、设置名和退出码保持原样。
export const CLI_HELP_ZH_CN: Readonly<Record<string, string>> = {
  // cli/help.ts, cli/locale.ts：总览与公共部分
  'Is the Claude API usable from this machine right now? The same checks as the Claude Health extension, for terminals and CI.':
    '此刻从这台机器能不能用 Claude API？与 Claude Health 扩展相同的检查，用于终端和 CI。',
  'Commands:': '命令：',
  'Global flags (before or after the command):': '全局参数（放在命令前后均可）：',
  "Exit codes (each command's --help says what they mean for it):": '退出码（各命令的 --help 说明它们对该命令的含义）：',
  'Flags take their value as the next word or after "=": --timeout-ms 5000 or --timeout-ms=5000.': '参数的值写在下一个词或 "=" 之后：--timeout-ms 5000 或 --timeout-ms=5000。',
  'Flags:': '参数：',
  'Show this help and exit.': '显示本帮助并退出。',
  'Examples:': '示例：',
  'Exit codes:': '退出码：',
  'ok: healthy, or the command did what was asked': '成功：健康，或命令完成了要求的事',
  'unhealthy: a check failed or the API could not be reached': '不健康：有检查失败，或无法访问 API',
  'usage or configuration error (a bad flag, a missing key)': '用法或配置错误（参数有误、缺少 Key）',
  'Language of the human-readable output: en or zh-CN. Default: LC_ALL, LC_MESSAGES or LANG (zh_CN.UTF-8 gives Chinese). JSON keys and ids stay English.':
    '给人看的输出所用的语言：en 或 zh-CN。默认按 LC_ALL、LC_MESSAGES 或 LANG（zh_CN.UTF-8 即为中文）。JSON 的键和 id 保持英文。',
  'Proxy for every request (http://host:port); default HTTPS_PROXY, HTTP_PROXY or ALL_PROXY, minus NO_PROXY.':
    '所有请求使用的代理（http://host:port）；默认取 HTTPS_PROXY、HTTP_PROXY 或 ALL_PROXY，并排除 NO_PROXY。',
  'Port to listen on, 0 to 65535 (default 0: any free port).': '监听的端口，0 到 65535（默认 0：任意空闲端口）。',
  'a bad flag': '参数有误',
  'stopped by SIGINT or SIGTERM': '被 SIGINT 或 SIGTERM 停止',
  // status
  'Read the Claude status page once and print what it says.': '读取一次 Claude 状态页并打印其内容。',
  'Healthy means the page\'s overall indicator is "none" or, with --component, that every named component is operational. The key is not needed.':
    '健康是指状态页的总体 indicator 为 "none"；使用 --component 时，指所列的每个组件都正常。不需要 Key。',
  'Print one JSON document instead of text.': '输出一个 JSON 文档，而不是文本。',
  'The Statuspage summary.json to read (default {0}).': '要读取的 Statuspage summary.json（默认 {0}）。',
  'The same as --status-url.': '与 --status-url 相同。',
  'Component ids that must be operational; comma-separated or repeated. Without it the overall indicator decides.': '必须正常的组件 id；用逗号分隔或重复给出。不给时由总体 indicator 决定。',
  'Give up after N milliseconds, {0} to {1} (default {2}).': 'N 毫秒后放弃，{0} 到 {1}（默认 {2}）。',
  'the page is green (or every --component is operational)': '状态页为绿色（或每个 --component 都正常）',
  'the page reports trouble, or it could not be read': '状态页报告了问题，或无法读取',
  // probe
  'Probe the API once through the official SDK (key from ANTHROPIC_API_KEY).': '通过官方 SDK 探测一次 API（Key 取自 ANTHROPIC_API_KEY）。',
  'One request with retries off, so a 529 or a 429 shows as it came. The key is never printed.': '只发一个请求且关闭重试，529 或 429 会原样显示。Key 绝不会被打印。',
  'Print one JSON document instead of a line of text.': '输出一个 JSON 文档，而不是一行文本。',
  'models (free, the default): GET /v1/models; count_tokens (free); message: one billed message with max_tokens 1, the only mode that sees 529 overloads.':
    'models（免费，默认）：GET /v1/models；count_tokens（免费）；message：发一条计费消息，max_tokens 为 1，是唯一能遇到 529 过载的模式。',
  'The model for count_tokens and message (default {0}).': 'count_tokens 和 message 使用的模型（默认 {0}）。',
  'Send the key over plain http:// to a base URL on another machine (refused otherwise).': '允许通过明文 http:// 把 Key 发给另一台机器上的 Base URL（否则拒绝）。',
  'the API answered the probe': 'API 应答了探测',
  'it did not: overloaded, rate limited, refused, unreachable': '探测未成功：过载、限流、被拒绝或无法访问',
  'a bad flag, ANTHROPIC_API_KEY not set, or the key would go over plain http': '参数有误、未设置 ANTHROPIC_API_KEY，或 Key 会经明文 http 发送',
  // diagnose
  'Layered connection diagnostics: config, proxy, DNS, TCP, TLS, HTTP, auth, limits, status page, SDKs.': '分层连接诊断：配置、代理、DNS、TCP、TLS、HTTP、鉴权、限额、状态页、SDK。',
  'Names the broken layer first, with a next step for every failure. The key is read from ANTHROPIC_API_KEY; at most its last four characters are shown. Plain text by default, coloured on a terminal (never with NO_COLOR set or when piped).':
    '先指出出问题的那一层，每个失败都给出下一步。Key 取自 ANTHROPIC_API_KEY，最多只显示末尾四个字符。默认输出纯文本，在终端里带颜色（设置了 NO_COLOR 或输出到管道时不带）。',
  'The API base URL; default ANTHROPIC_BASE_URL, then {0}.': 'API Base URL；默认取 ANTHROPIC_BASE_URL，其次 {0}。',
  'The Statuspage summary.json (default {0}).': 'Statuspage 的 summary.json（默认 {0}）。',
  'Public resolvers to compare the system resolver with: IP addresses, optionally with :port, comma-separated (default {0}); "" turns the comparison off.':
    '用来与系统 DNS 对比的公共 DNS 服务器：IP 地址，可带 :port，用逗号分隔（默认 {0}）；"" 表示不对比。',
  'Print one JSON document.': '输出一个 JSON 文档。',
  'Print Markdown (for an issue or a pull request).': '输出 Markdown（用于 issue 或 pull request）。',
  'Stop the whole run after N milliseconds, {0} to {1}; what finished is still printed.': 'N 毫秒后停止整个运行，{0} 到 {1}；已完成的部分仍会输出。',
  'Scan this folder for SDK versions and retry wrappers (skipped without it).': '扫描这个文件夹里的 SDK 版本和重试封装（不给则跳过）。',
  'Also send one billed message (max_tokens 1): the only check that sees 529 overloads.': '另外发送一条计费消息（max_tokens 1）：唯一能遇到 529 过载的检查。',
  'The model for --inference (default {0}).': '--inference 使用的模型（默认 {0}）。',
  "Send the key over plain http:// to a base URL on another machine (not sent otherwise); with --compare, each compared endpoint's own key to it too.":
    '允许通过明文 http:// 把 Key 发给另一台机器上的 Base URL（否则不发送）；与 --compare 一起用时，每个对比端点自己的 Key 也一样。',
  "Also run the network checks and {0} free requests against this endpoint (e.g. the official API beside a relay) and show them side by side with the configured one; repeatable, up to {1}. KEY_ENV names the variable holding that endpoint's own key; without it no key is sent there and authentication is not checked. The configured key is never sent to another host.":
    '另外对这个端点运行网络检查和 {0} 次免费请求（例如把官方 API 与中转放在一起），并与已配置的端点并排显示；可重复，最多 {1} 个。KEY_ENV 是存放该端点自己 Key 的环境变量名；不给则不向它发送 Key，也不检查鉴权。已配置的 Key 绝不会发往其他主机。',
  'no check failed (warnings allowed)': '没有检查失败（允许有警告）',
  'a check failed, an endpoint given with --compare failed, or the run was interrupted': '有检查失败、--compare 给出的端点失败，或运行被中断',
  'a bad flag, or a --compare key variable that is not set or holds the configured key': '参数有误，或 --compare 的 Key 变量未设置、或存放的是已配置的 Key',
  // snippet
  'Print a retry wrapper for the official SDK of a language.': '打印某种语言官方 SDK 的重试封装。',
  'The policy flags take the ranges of the claudeHealth.snippets.* settings. A recipe is a worked example that uses a wrapper (a web handler that rides out overloads); its first lines name the wrapper it imports and the command that prints it.':
    '策略参数的取值范围与 claudeHealth.snippets.* 设置相同。recipe 是使用封装的完整示例（能扛住过载的 Web 处理函数）；开头几行写明它导入的封装和打印该封装的命令。',
  'Required: {0}.': '必填：{0}。',
  '{0} (default basic).': '{0}（默认 basic）。',
  '{0} to {1}': '{0} 到 {1}',
  'Attempts in all, the first included, {0} (default {1}).': '总尝试次数（含第一次），{0}（默认 {1}）。',
  'Give up after N seconds in all, {0} (default {1}).': '总共 N 秒后放弃，{0}（默认 {1}）。',
  'First backoff delay, {0} ms (default {1}).': '第一次退避的延迟，{0} ms（默认 {1}）。',
  'Longest backoff delay, {0} ms, at least --base-delay-ms (default {1}).': '最长的退避延迟，{0} ms，不小于 --base-delay-ms（默认 {1}）。',
  'The model the fallback variant switches to (default {0}).': 'fallback 变体切换到的模型（默认 {0}）。',
  "Requests in flight the concurrency variant's limiter starts at, 1 to 1000 (default {0}).": 'concurrency 变体的限流器起始的并发请求数，1 到 1000（默认 {0}）。',
  'The most requests in flight its limit may grow to, 1 to 10000, at least --initial-limit (default {0}).': '并发上限最多能增长到的请求数，1 到 10000，不小于 --initial-limit（默认 {0}）。',
  'Print a recipe instead of a wrapper (no --lang needed): {0}.': '打印 recipe 而不是封装（不需要 --lang）：{0}。',
  'the wrapper was printed': '已打印封装',
  'a bad flag, or no such wrapper or recipe': '参数有误，或没有这个封装或 recipe',
  // sim
  'Run the local simulator of the API and the status page.': '运行本地的 API 与状态页模拟器。',
  'Listens on 127.0.0.1 until Ctrl-C (SIGINT) or SIGTERM. Prints one JSON line first: {apiBaseUrl, statusPageUrl, scenario}; point --base-url and --status-url of the other commands at them.':
    '在 127.0.0.1 上监听，直到 Ctrl-C（SIGINT）或 SIGTERM。先输出一行 JSON：{apiBaseUrl, statusPageUrl, scenario}；把其他命令的 --base-url 和 --status-url 指向它们。',
  'A built-in scenario or a JSON scenario file (default healthy). Built-in: {0}.': '内置场景或 JSON 场景文件（默认 healthy）。内置：{0}。',
  'Accept only the key in ANTHROPIC_API_KEY; any other gets 401.': '只接受 ANTHROPIC_API_KEY 中的 Key；其他 Key 一律返回 401。',
  'a bad flag, an unreadable scenario, or the port is taken': '参数有误、场景无法读取，或端口已被占用',
  // tap
  "Run a local traffic tap: your app's API requests pass through it and are counted.": '运行本地流量监听：你的应用的 API 请求经过它转发并被统计。',
  "A reverse proxy on this machine: set ANTHROPIC_BASE_URL to its URL in your app's environment and every request goes on to the upstream unchanged, streams included, while the tap records how each was answered (status, error type, latency, request-id, retry-after, model, path; never the key, never a body). Prints one JSON line first: {url, upstream}; then one line per request on stderr. Records go to the shared store, where claude-health signals and the extension read them. Runs until Ctrl-C (SIGINT) or SIGTERM.":
    '本机上的反向代理：在应用的环境里把 ANTHROPIC_BASE_URL 设为它的 URL，每个请求（包括流式请求）都原样转发到上游，同时记录每个请求的应答情况（状态码、错误类型、延迟、request-id、retry-after、模型、路径；从不记录 Key 和内容）。先输出一行 JSON：{url, upstream}；之后每个请求在 stderr 输出一行。记录写入共享存储，claude-health signals 和扩展从那里读取。运行到 Ctrl-C（SIGINT）或 SIGTERM 为止。',
  'Where requests go on to; default ANTHROPIC_BASE_URL, then {0}.': '请求转发到的上游；默认取 ANTHROPIC_BASE_URL，其次 {0}。',
  'Address to listen on (default {0}). Any other lets other machines send requests through the tap: a warning says so.': '监听的地址（默认 {0}）。用其他地址时，别的机器也能通过监听转发请求：会有警告提示。',
  'Answer 504 when the upstream sends no answer within N milliseconds, and cut a stream silent that long; {0} to {1} (default {2}).':
    '上游在 N 毫秒内没有应答时返回 504，流式响应静默这么久也会被切断；{0} 到 {1}（默认 {2}）。',
  'Proxy for the upstream (http://host:port); default HTTPS_PROXY, HTTP_PROXY or ALL_PROXY, minus NO_PROXY.': '访问上游使用的代理（http://host:port）；默认取 HTTPS_PROXY、HTTP_PROXY 或 ALL_PROXY，并排除 NO_PROXY。',
  'Let the key your app sends go over plain http:// to an upstream on another machine (refused otherwise).': '允许应用发送的 Key 通过明文 http:// 发往另一台机器上的上游（否则拒绝）。',
  "The shared store's folder; default {0}, then the per-user state folder.": '共享存储的文件夹；默认取 {0}，其次是当前用户的状态文件夹。',
  'an unexpected failure': '意外的故障',
  'a bad flag, the port is taken, or the upstream is refused (plain http to another machine, the tap itself)': '参数有误、端口已被占用，或上游被拒绝（明文 http 发往另一台机器，或上游就是监听自己）',
  // signals
  'Count the API errors of your own traffic (Claude Code, the tap) and of the probes.': '统计你自己的流量（Claude Code、流量监听）和探测遇到的 API 错误。',
  'Claude Code counts come from its transcripts under $CLAUDE_CONFIG_DIR (a comma-separated list), else ~/.claude and ~/.config/claude: only rows flagged as API errors, never prompts or answers. Tap and probe counts come from the shared store in $CLAUDE_HEALTH_STATE_DIR, else the per-user state folder. Kinds: ok, overloaded, rate_limited, server_error, network, auth, plan_limit (a spent subscription, not an API 429), other.':
    'Claude Code 的计数来自 $CLAUDE_CONFIG_DIR（逗号分隔的列表）下的对话记录，否则为 ~/.claude 和 ~/.config/claude：只读取标记为 API 错误的行，从不读取提示词或回答。流量监听和探测的计数来自 $CLAUDE_HEALTH_STATE_DIR 中的共享存储，否则为当前用户的状态文件夹。种类：ok、overloaded、rate_limited、server_error、network、auth、plan_limit（订阅额度用完，不是 API 的 429）、other。',
  'Print one JSON document: sinceMinutes, and counts per source (claude-code, tap, probe) with every kind present (0 when none).':
    '输出一个 JSON 文档：sinceMinutes，以及每个来源（claude-code、tap、probe）的计数，每种都列出（没有时为 0）。',
  'Count what happened in the last N minutes, {0} to {1} (default {2}).': '统计最近 N 分钟内发生的情况，{0} 到 {1}（默认 {2}）。',
  'The shared store to read (default $CLAUDE_HEALTH_STATE_DIR, else the per-user state folder).': '要读取的共享存储（默认 $CLAUDE_HEALTH_STATE_DIR，否则为当前用户的状态文件夹）。',
  'the counts were printed (whatever they are)': '已输出计数（无论多少）',
  // watch
  'Run the monitor the extension runs: status page, probes, health; Prometheus metrics.': '运行扩展所用的监控：状态页、探测、健康状态；提供 Prometheus 指标。',
  '{0}, {1} to {2} (default {3}).': '{0}，{1} 到 {2}（默认 {3}）。',
  '{0} (default {1}).': '{0}（默认 {1}）。',
  '{0}: comma-separated or repeated (default {1}).': '{0}：用逗号分隔或重复给出（默认 {1}）。',
  'ANTHROPIC_BASE_URL, then {0}': 'ANTHROPIC_BASE_URL，其次 {0}',
  'Until Ctrl-C: one line per health change (and a live line on a terminal); --json prints one JSON object per line for each change and each probe round. Every setting of the extension is a flag (dots and capitals become dashes) or a key of --config FILE, a JSON object such as {"probe.intervalSeconds": 30}; flags win. The key comes from ANTHROPIC_API_KEY only and is never printed. --once counts one bad probe round as degraded (health.degradeAfter 1).':
    '运行到 Ctrl-C 为止：健康状态每变化一次输出一行（在终端里还有一行实时状态）；--json 时，每次变化和每轮探测各输出一行 JSON 对象。扩展的每个设置都是一个参数（点和大写字母变成短横线），或 --config FILE 中的一个键，FILE 是 JSON 对象，例如 {"probe.intervalSeconds": 30}；参数优先。Key 只取自 ANTHROPIC_API_KEY，绝不会被打印。--once 时，一轮探测失败即算作降级（health.degradeAfter 1）。',
  'Read the status page and probe once, print the verdict and exit with it (see the exit codes).': '读取一次状态页并探测一次，输出结论并以对应的退出码退出（见退出码）。',
  'One JSON object per line; with --metrics-port the first is {"metricsUrl": ...}.': '每行一个 JSON 对象；使用 --metrics-port 时，第一行是 {"metricsUrl": ...}。',
  'Settings as JSON, keys as in settings.json without "claudeHealth.".': 'JSON 格式的设置，键与 settings.json 相同，但去掉 "claudeHealth."。',
  'Serve Prometheus metrics at http://HOST:N/metrics; 0 picks a free port. The URL is printed first.': '在 http://HOST:N/metrics 提供 Prometheus 指标；0 表示任选空闲端口。URL 会最先输出。',
  'Address the metrics server binds (default 127.0.0.1).': '指标服务绑定的地址（默认 127.0.0.1）。',
  'Send the key over plain http:// to a base URL on another machine (held back otherwise).': '允许通过明文 http:// 把 Key 发给另一台机器上的 Base URL（否则不发送）。',
  'operational (--once), or stopped by Ctrl-C or SIGTERM': '正常（--once），或被 Ctrl-C、SIGTERM 停止',
  '--once: degraded, outage or maintenance': '--once：降级、故障或维护中',
  'a bad flag or config file': '参数或配置文件有误',
  '--once: could not tell (no key and a green or unreadable page)': '--once：无法判断（没有 Key，且状态页为绿色或无法读取）',
};
