package snippetdriver;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Driver for the Java retry-wrapper snippets. The mocha suite renders each variant into its own
 * package of this project (claude.retry.basic, claude.retry.circuitbreaker, claude.retry.fallback,
 * claude.retry.streaming: only the package line differs from what a user gets), builds it once,
 * and keeps this JVM running: it reads one JSON command per line on stdin and prints one JSON
 * result per line on stdout. The suite scripts the simulator before each command.
 *
 * <pre>
 *   {"case": "...", "action": "call", "variant": "basic", "params": {...}}
 *   {"case": "...", "action": "crowd", "params": {...}, "tripper": {...}, "start": "together"}
 *   {"case": "...", "action": "storm", "storm": {"strategy": "basic", "callers": 50, ...}}
 * </pre>
 *
 * A crowd shares one breaker: the tripper (if any) calls alone first, then the callers go, all
 * at once ("together") or each after the previous one returned ("one-by-one").
 *
 * The simulator's URL and the key come from ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY.
 */
public final class Driver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Driver() {}

    /** The policy and scenario knobs a test passes as JSON. */
    record Params(
            int maxAttempts, long deadlineMs, long baseDelayMs, long maxDelayMs, String model, String fallbackModel,
            int fallbackAfter, long cancelAfterMs, int failureThreshold, int minimumRequests, long openForMs, int callers,
            boolean cancelFromStart) {
        static Params parse(JsonNode node) {
            return new Params(
                    node.path("maxAttempts").asInt(10), node.path("deadlineMs").asLong(10_000),
                    node.path("baseDelayMs").asLong(20), node.path("maxDelayMs").asLong(100),
                    node.path("model").asText("claude-haiku-4-5"), node.path("fallbackModel").asText("claude-haiku-4-5"),
                    node.path("fallbackAfter").asInt(3), node.path("cancelAfterMs").asLong(0),
                    node.path("failureThreshold").asInt(5), node.path("minimumRequests").asInt(5),
                    node.path("openForMs").asLong(2000), node.path("callers").asInt(1), false);
        }

        /** A limiter run's caller is cancelled while queued, timed from its start: no retry is announced to time it from. */
        Params cancelledFromStart() {
            return new Params(maxAttempts, deadlineMs, baseDelayMs, maxDelayMs, model, fallbackModel, fallbackAfter, cancelAfterMs,
                    failureThreshold, minimumRequests, openForMs, callers, true);
        }
    }

    static AnthropicClient newClient() {
        return AnthropicOkHttpClient.builder()
                .baseUrl(System.getenv("ANTHROPIC_BASE_URL"))
                .apiKey(System.getenv("ANTHROPIC_API_KEY"))
                .build();
    }

    static MessageCreateParams request(Params p) {
        return MessageCreateParams.builder().model(p.model()).maxTokens(16).addUserMessage("ping").build();
    }

    static String textOf(Message message) {
        return message.content().stream()
                .map(ContentBlock::text)
                .flatMap(Optional::stream)
                .map(block -> block.text())
                .collect(Collectors.joining());
    }

    static String typeOf(RawMessageStreamEvent event) {
        if (event.isMessageStart()) return "message_start";
        if (event.isMessageDelta()) return "message_delta";
        if (event.isMessageStop()) return "message_stop";
        if (event.isContentBlockStart()) return "content_block_start";
        if (event.isContentBlockDelta()) return "content_block_delta";
        if (event.isContentBlockStop()) return "content_block_stop";
        return "unknown";
    }

    /** Why a call ended, and which API error it is or carries. */
    static Map<String, Object> describeError(Throwable error) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("kind", "other");
        report.put("type", error.getClass().getName());
        report.put("message", String.valueOf(error.getMessage()));
        Throwable api = error;
        while (api != null && !(api instanceof AnthropicServiceException)) api = api.getCause();
        if (api instanceof AnthropicServiceException e) {
            report.put("status", e.statusCode());
            report.put("errorType", e.type().map(Object::toString).orElse(""));
            report.put("requestId", e.requestId().orElse(""));
        }
        if (error instanceof claude.retry.basic.ClaudeRetry.GiveUpException g) giveUp(report, g, g.attempts());
        else if (error instanceof claude.retry.circuitbreaker.ClaudeRetry.GiveUpException g) giveUp(report, g, g.attempts());
        else if (error instanceof claude.retry.fallback.ClaudeRetry.GiveUpException g) giveUp(report, g, g.attempts());
        else if (error instanceof claude.retry.streaming.ClaudeRetry.GiveUpException g) giveUp(report, g, g.attempts());
        else if (error instanceof claude.retry.concurrency.ClaudeRetry.GiveUpException g) giveUp(report, g, g.attempts());
        else if (error instanceof InterruptedException) report.put("kind", "canceled");
        else if (error instanceof AnthropicServiceException) report.put("kind", "api");
        return report;
    }

    static void giveUp(Map<String, Object> report, RuntimeException error, int attempts) {
        report.put("kind", "give_up");
        report.put("attempts", attempts);
        // The message is "gave up after N attempt(s): <reason>; last error: ...".
        String message = error.getMessage();
        int reasonEnd = message.indexOf("; last error: ");
        report.put("reason", message.substring(message.indexOf(": ") + 2, reasonEnd < 0 ? message.length() : reasonEnd));
    }

    /** One call through the variant's entry point with the given policy. */
    static Map<String, Object> call(String variant, Params p, claude.retry.circuitbreaker.ClaudeRetry.CircuitBreaker shared) {
        return call(variant, p, shared, null, null);
    }

    /**
     * The concurrency variant takes {@code limiter}, or a fresh one (the process-wide default would
     * carry one case's cut limit or 429 pause into the next); {@code sharedClient}, if given, is not closed.
     */
    static Map<String, Object> call(String variant, Params p, claude.retry.circuitbreaker.ClaudeRetry.CircuitBreaker shared,
            claude.retry.concurrency.ClaudeRetry.ConcurrencyLimiter limiter, AnthropicClient sharedClient) {
        Map<String, Object> report = Collections.synchronizedMap(new LinkedHashMap<>());
        report.put("variant", variant);
        report.put("usedFallback", false);
        report.put("text", "");
        List<Map<String, Object>> retries = Collections.synchronizedList(new ArrayList<>());
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Duration deadline = Duration.ofMillis(p.deadlineMs());
        Duration base = Duration.ofMillis(p.baseDelayMs());
        Duration max = Duration.ofMillis(p.maxDelayMs());
        claude.retry.circuitbreaker.ClaudeRetry.CircuitBreaker breaker = shared != null || !variant.equals("circuit-breaker") ? shared
                : new claude.retry.circuitbreaker.ClaudeRetry.CircuitBreaker(); // the snippet's defaults
        ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        AtomicLong cancelledAt = new AtomicLong(-1);
        Thread caller = Thread.currentThread();
        // The caller cancels while the wrapper waits or keeps retrying, timed from the first announced
        // retry, so a slow first request (client start-up on a busy machine) is never cancelled unsent.
        Runnable armCancel = () -> {
            if (p.cancelAfterMs() > 0) {
                canceller.schedule(() -> {
                    cancelledAt.set(System.nanoTime());
                    caller.interrupt();
                }, p.cancelAfterMs(), TimeUnit.MILLISECONDS);
            }
        };
        if (p.cancelFromStart()) armCancel.run();
        AnthropicClient client = sharedClient != null ? sharedClient : newClient();
        try {
            MessageCreateParams params = request(p);
            switch (variant) {
                case "basic" -> {
                    Message message = claude.retry.basic.ClaudeRetry.createMessageWithRetry(client, params,
                            claude.retry.basic.ClaudeRetry.Options.builder().maxAttempts(p.maxAttempts()).deadline(deadline).backoff(base, max)
                                    .onRetry((attempt, delay, status, requestId) -> recordRetry(retries, armCancel, retry(attempt, delay, status, requestId, null)))
                                    .build());
                    answered(report, message, message.model().asString(), false);
                }
                case "circuit-breaker" -> {
                    Message message = claude.retry.circuitbreaker.ClaudeRetry.createMessageWithRetry(client, params,
                            claude.retry.circuitbreaker.ClaudeRetry.Options.builder().maxAttempts(p.maxAttempts()).deadline(deadline).backoff(base, max)
                                    .onRetry((attempt, delay, status, requestId) -> recordRetry(retries, armCancel, retry(attempt, delay, status, requestId, breaker.state().name())))
                                    .breaker(breaker)
                                    .build());
                    answered(report, message, message.model().asString(), false);
                }
                case "fallback" -> {
                    claude.retry.fallback.ClaudeRetry.Result result = claude.retry.fallback.ClaudeRetry.createMessageWithRetry(client, params,
                            claude.retry.fallback.ClaudeRetry.Options.builder().maxAttempts(p.maxAttempts()).deadline(deadline).backoff(base, max)
                                    .onRetry((attempt, delay, status, requestId) -> recordRetry(retries, armCancel, retry(attempt, delay, status, requestId, null)))
                                    .fallback(p.fallbackModel(), p.fallbackAfter())
                                    .build());
                    answered(report, result.message(), result.model(), result.usedFallback());
                }
                case "streaming" -> {
                    report.put("events", events);
                    // The text the caller is shown, kept also when the stream fails part-way.
                    report.put("text", "");
                    StringBuffer shown = new StringBuffer();
                    Message message = claude.retry.streaming.ClaudeRetry.streamMessageWithRetry(client, params, event -> {
                                events.add(typeOf(event));
                                event.contentBlockDelta().flatMap(delta -> delta.delta().text()).ifPresent(delta -> shown.append(delta.text()));
                                report.put("text", shown.toString());
                            },
                            claude.retry.streaming.ClaudeRetry.Options.builder().maxAttempts(p.maxAttempts()).deadline(deadline).backoff(base, max)
                                    .onRetry((attempt, delay, status, requestId) -> recordRetry(retries, armCancel, retry(attempt, delay, status, requestId, null)))
                                    .build());
                    answered(report, message, message.model().asString(), false);
                    if (!textOf(message).equals(shown.toString())) {
                        throw new IllegalStateException("the accumulated message differs from the streamed text: " + textOf(message) + " / " + shown);
                    }
                }
                case "concurrency" -> {
                    var own = limiter != null ? limiter : new claude.retry.concurrency.ClaudeRetry.ConcurrencyLimiter(4, 32, limit -> {});
                    Message message = claude.retry.concurrency.ClaudeRetry.createMessageWithRetry(client, params,
                            claude.retry.concurrency.ClaudeRetry.Options.builder().maxAttempts(p.maxAttempts()).deadline(deadline).backoff(base, max)
                                    .onRetry((attempt, delay, status, requestId) -> recordRetry(retries, armCancel, retry(attempt, delay, status, requestId, null)))
                                    .limiter(own)
                                    .build());
                    answered(report, message, message.model().asString(), false);
                }
                default -> throw new IllegalArgumentException("unknown variant " + variant);
            }
        } catch (InterruptedException | RuntimeException error) {
            report.put("outcome", "error");
            report.put("error", describeError(error));
        } finally {
            if (sharedClient == null) client.close();
            canceller.shutdownNow();
            Thread.interrupted(); // a cancel that fired after the call ended must not leak into the next one
        }
        report.put("retries", new ArrayList<>(retries));
        report.put("elapsedMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        if (cancelledAt.get() >= 0) report.put("cancelledAtMs", TimeUnit.NANOSECONDS.toMillis(cancelledAt.get() - started));
        return report;
    }

    /** Records a retry; the first one also starts the caller's cancel timer, if the case cancels. */
    static void recordRetry(List<Map<String, Object>> retries, Runnable onFirst, Map<String, Object> record) {
        boolean first;
        synchronized (retries) {
            first = retries.isEmpty();
            retries.add(record);
        }
        if (first) onFirst.run();
    }

    static void answered(Map<String, Object> report, Message message, String model, boolean usedFallback) {
        report.put("outcome", "ok");
        report.put("model", model);
        report.put("usedFallback", usedFallback);
        report.put("text", textOf(message));
    }

    static Map<String, Object> retry(int attempt, Duration delay, int status, Optional<String> requestId, String breakerState) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attempt", attempt);
        record.put("delayMs", delay.toMillis());
        record.put("status", status);
        record.put("requestId", requestId.orElse(""));
        if (breakerState != null) record.put("breakerState", breakerState.toLowerCase().replace('_', '-'));
        return record;
    }

    static claude.retry.circuitbreaker.ClaudeRetry.CircuitBreaker recordingBreaker(Params p, List<Map<String, Object>> transitions, long started) {
        // The listener runs under the breaker's lock, so the list sees changes in order.
        return new claude.retry.circuitbreaker.ClaudeRetry.CircuitBreaker(
                p.failureThreshold(), p.minimumRequests(), Duration.ofMillis(p.openForMs()), (from, to) -> {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("from", from.name().toLowerCase().replace('_', '-'));
                    change.put("to", to.name().toLowerCase().replace('_', '-'));
                    change.put("atMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    transitions.add(change);
                });
    }

    static Thread start(Runnable body) {
        Thread thread = new Thread(body);
        thread.start();
        return thread;
    }

    /** The tripper (if any) calls alone on a fresh shared breaker, then the callers go. */
    static Map<String, Object> crowdCase(Params p, Params tripper, boolean oneByOne) throws InterruptedException {
        long started = System.nanoTime();
        List<Map<String, Object>> transitions = Collections.synchronizedList(new ArrayList<>());
        var breaker = recordingBreaker(p, transitions, started);
        Map<String, Object> out = new LinkedHashMap<>();
        if (tripper != null) {
            out.put("tripper", call("circuit-breaker", tripper, breaker));
            out.put("stateAfterTripper", breaker.state().name().toLowerCase().replace('_', '-'));
        }
        List<Map<String, Object>> reports = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(p.callers(), null)));
        if (oneByOne) {
            for (int i = 0; i < p.callers(); i++) reports.set(i, call("circuit-breaker", p, breaker));
        } else {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < p.callers(); i++) {
                int index = i;
                threads.add(start(() -> reports.set(index, call("circuit-breaker", p, breaker))));
            }
            for (Thread thread : threads) thread.join();
        }
        out.put("transitions", new ArrayList<>(transitions));
        out.put("callers", new ArrayList<>(reports));
        out.put("finalState", breaker.state().name().toLowerCase().replace('_', '-'));
        return out;
    }

    /** One call of a limiter run's strategy: concurrency (default), basic under an optional fixed limit, or sdk. */
    interface StrategyCall {
        Map<String, Object> call(Params p) throws InterruptedException;
    }

    static StrategyCall strategyCall(JsonNode command, claude.retry.concurrency.ClaudeRetry.ConcurrencyLimiter limiter, AnthropicClient client) {
        switch (command.path("strategy").asText("concurrency")) {
            case "sdk": {
                AnthropicClient sdkClient = AnthropicOkHttpClient.builder()
                        .baseUrl(System.getenv("ANTHROPIC_BASE_URL")).apiKey(System.getenv("ANTHROPIC_API_KEY"))
                        .maxRetries(command.path("sdkMaxRetries").asInt(10)).build();
                return p -> {
                    long started = System.nanoTime();
                    Map<String, Object> report = new LinkedHashMap<>();
                    report.put("variant", "sdk");
                    report.put("usedFallback", false);
                    report.put("text", "");
                    try {
                        sdkClient.messages().create(request(p));
                        report.put("outcome", "ok");
                    } catch (RuntimeException error) {
                        report.put("outcome", "error");
                        report.put("error", describeError(error));
                    }
                    report.put("retries", List.of());
                    report.put("elapsedMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return report;
                };
            }
            case "basic": {
                int fixed = command.path("fixedLimit").asInt(0);
                java.util.concurrent.Semaphore gate = fixed > 0 ? new java.util.concurrent.Semaphore(fixed, true) : null;
                return p -> {
                    if (gate == null) return call("basic", p, null, null, client);
                    gate.acquire();
                    try {
                        return call("basic", p, null, null, client);
                    } finally {
                        gate.release();
                    }
                };
            }
            default:
                return p -> call("concurrency", p, null, limiter, client);
        }
    }

    /** Phases of threads on one limiter and one client; thread i of a phase starts i * staggerMs in. */
    static Map<String, Object> limiterRun(JsonNode command) throws InterruptedException {
        JsonNode settings = command.path("limiter");
        long runStart = System.nanoTime();
        List<List<Long>> trace = Collections.synchronizedList(new ArrayList<>());
        var limiter = new claude.retry.concurrency.ClaudeRetry.ConcurrencyLimiter(
                settings.path("initialLimit").asInt(4), settings.path("maxLimit").asInt(32),
                limit -> trace.add(List.of(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runStart), (long) limit)));
        AnthropicClient client = newClient();
        StrategyCall one = strategyCall(command, limiter, client);
        List<Map<String, Object>> phases = new ArrayList<>();
        try {
            for (JsonNode phase : command.path("phases")) {
                long stagger = phase.path("staggerMs").asLong(0);
                List<JsonNode> callers = new ArrayList<>();
                phase.path("callers").forEach(callers::add);
                List<Map<String, Object>> reports = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(callers.size(), null)));
                long started = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < callers.size(); i++) {
                    int index = i;
                    Params p = Params.parse(callers.get(i)).cancelledFromStart();
                    long startAt = started + TimeUnit.MILLISECONDS.toNanos(index * stagger);
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, startAt - System.nanoTime()));
                    threads.add(start(() -> {
                        long began = System.nanoTime();
                        Map<String, Object> report;
                        try {
                            report = new LinkedHashMap<>(one.call(p));
                        } catch (InterruptedException interrupted) {
                            report = new LinkedHashMap<>(Map.of("outcome", "error", "error", describeError(interrupted), "retries", List.of(), "elapsedMs", 0));
                        }
                        report.put("startedAtMs", TimeUnit.NANOSECONDS.toMillis(began - started));
                        report.put("endedAtMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                        reports.set(index, report);
                    }));
                }
                for (Thread thread : threads) thread.join();
                Map<String, Object> done = new LinkedHashMap<>();
                done.put("callers", new ArrayList<>(reports));
                done.put("limitAfter", limiter.limit());
                phases.add(done);
            }
        } finally {
            client.close();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outcome", "done");
        out.put("phases", phases);
        out.put("limitTrace", new ArrayList<>(trace));
        return out;
    }

    /**
     * The storm benchmark's crowd: every caller at once through one shared client, with the
     * wrappers' rendered defaults ("sdk": the SDK alone, with its own retries). Each caller's
     * time in ms, or null when it failed.
     */
    static Map<String, Object> stormCase(JsonNode storm) throws InterruptedException {
        String strategy = storm.path("strategy").asText("");
        long startDelayMs = storm.path("startDelayMs").asLong(0);
        AnthropicClient client = AnthropicOkHttpClient.builder()
                .baseUrl(System.getenv("ANTHROPIC_BASE_URL"))
                .apiKey(System.getenv("ANTHROPIC_API_KEY"))
                .maxRetries(storm.path("sdkMaxRetries").asInt(2))
                .build();
        var breaker = new claude.retry.circuitbreaker.ClaudeRetry.CircuitBreaker();
        MessageCreateParams params = request(Params.parse(JSON.createObjectNode()));
        int callers = storm.path("callers").asInt(1);
        List<Double> completions = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(callers, null)));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            int index = i;
            threads.add(start(() -> {
                long started = System.nanoTime();
                try {
                    Thread.sleep(startDelayMs);
                    switch (strategy) {
                        case "basic" -> claude.retry.basic.ClaudeRetry.createMessageWithRetry(client, params);
                        case "circuit-breaker" -> claude.retry.circuitbreaker.ClaudeRetry.createMessageWithRetry(client, params,
                                claude.retry.circuitbreaker.ClaudeRetry.Options.builder().breaker(breaker).build());
                        default -> client.messages().create(params);
                    }
                    completions.set(index, (System.nanoTime() - started) / 1e6);
                } catch (RuntimeException | InterruptedException failed) {
                    // a failed caller has no completion time
                }
            }));
        }
        for (Thread thread : threads) thread.join();
        client.close();
        return Map.of("completions", new ArrayList<>(completions));
    }

    static Map<String, Object> run(String line) {
        String name = "";
        try {
            JsonNode command = JSON.readTree(line);
            name = command.path("case").asText("");
            Params p = Params.parse(command.path("params"));
            Map<String, Object> out = switch (command.path("action").asText("")) {
                case "call" -> call(command.path("variant").asText(""), p, null);
                case "crowd" -> crowdCase(p, command.has("tripper") ? Params.parse(command.path("tripper")) : null,
                        command.path("start").asText("together").equals("one-by-one"));
                case "limiter" -> limiterRun(command);
                case "storm" -> stormCase(command.path("storm"));
                default -> throw new IllegalArgumentException("unknown action " + command.path("action"));
            };
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("case", name);
            result.putAll(out);
            return result;
        } catch (Exception driverFailure) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("case", name);
            result.put("outcome", "driver_error");
            result.put("error", Map.of("kind", "driver", "message", String.valueOf(driverFailure)));
            return result;
        }
    }

    public static void main(String[] args) throws Exception {
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = input.readLine(); line != null; line = input.readLine()) {
            System.out.println(JSON.writeValueAsString(run(line)));
            System.out.flush();
        }
        // OkHttp's pools keep non-daemon threads alive for a while; stdin is closed, so stop now.
        System.exit(0);
    }
}
