// Driver for the Go retry-wrapper snippets. The mocha suite renders each variant into
// its own package of this module (basic, circuitbreaker, fallback, streaming; each
// keeps the snippet's own package clause), builds this program once, and keeps it
// running: it reads one JSON command per line on stdin and prints one JSON result
// per line on stdout. The suite scripts the simulator before each command.
//
//	{"case": "...", "action": "call", "variant": "basic", "params": {...}}
//	{"case": "...", "action": "crowd", "params": {...}, "tripper": {...}, "start": "together"}
//	{"case": "...", "action": "storm", "storm": {"strategy": "basic", "callers": 50, ...}}
//
// A crowd shares one breaker: the tripper (if any) calls alone first, then the callers
// go, all at once ("together") or each after the previous one returned ("one-by-one").
//
// The simulator's URL and the key come from ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/anthropics/anthropic-sdk-go"
	"github.com/anthropics/anthropic-sdk-go/option"

	basic "snippetdriver/basic"
	circuitbreaker "snippetdriver/circuitbreaker"
	concurrency "snippetdriver/concurrency"
	fallback "snippetdriver/fallback"
	streaming "snippetdriver/streaming"
)

type command struct {
	Case    string          `json:"case"`
	Action  string          `json:"action"`
	Variant string          `json:"variant"`
	Params  params          `json:"params"`
	Tripper *params         `json:"tripper"`
	Start   string          `json:"start"`
	Limiter limiterSettings `json:"limiter"`
	Phases  []limiterPhase  `json:"phases"`
	Storm   *storm          `json:"storm"`
	// A limiter run's strategy (the capacity benchmark): concurrency, basic (under a
	// semaphore of FixedLimit when above 0) or sdk (the SDK's own SdkMaxRetries).
	Strategy      string `json:"strategy"`
	FixedLimit    int    `json:"fixedLimit"`
	SdkMaxRetries int    `json:"sdkMaxRetries"`
}

// A limiter run: phases of callers on one limiter; caller i of a phase starts i*StaggerMs in.
type limiterSettings struct {
	InitialLimit int `json:"initialLimit"`
	MaxLimit     int `json:"maxLimit"`
}

type limiterPhase struct {
	StaggerMs int      `json:"staggerMs"`
	Callers   []params `json:"callers"`
}

type limiterCaller struct {
	callReport
	StartedAtMs int64 `json:"startedAtMs"`
	EndedAtMs   int64 `json:"endedAtMs"`
}

type limiterPhaseReport struct {
	Callers    []limiterCaller `json:"callers"`
	LimitAfter int             `json:"limitAfter"`
}

type limiterReport struct {
	Case       string               `json:"case"`
	Outcome    string               `json:"outcome"`
	Phases     []limiterPhaseReport `json:"phases"`
	LimitTrace [][2]int64           `json:"limitTrace"`
}

// storm is the storm benchmark's crowd: every caller at once through one shared client,
// with the wrappers' rendered defaults (strategy "sdk": the SDK alone, its own retries).
type storm struct {
	Strategy      string `json:"strategy"`
	SdkMaxRetries int    `json:"sdkMaxRetries"`
	Callers       int    `json:"callers"`
	DeadlineMs    int    `json:"deadlineMs"`
	StartDelayMs  int    `json:"startDelayMs"`
}

// params are the policy values (small, to keep the suite quick) and the case's knobs.
type params struct {
	MaxAttempts   int    `json:"maxAttempts"`
	DeadlineMs    int    `json:"deadlineMs"`
	BaseDelayMs   int    `json:"baseDelayMs"`
	MaxDelayMs    int    `json:"maxDelayMs"`
	Model         string `json:"model"`
	FallbackModel string `json:"fallbackModel"`
	FallbackAfter int    `json:"fallbackAfter"`
	CancelAfterMs int    `json:"cancelAfterMs"`
	// CancelFromStart: a limiter run's caller is cancelled while queued, timed from its start (no retry to time it from).
	CancelFromStart  bool `json:"-"`
	FailureThreshold int  `json:"failureThreshold"`
	MinimumRequests  int  `json:"minimumRequests"`
	OpenForMs        int  `json:"openForMs"`
	Callers          int  `json:"callers"`
}

type retryRecord struct {
	Attempt   int    `json:"attempt"`
	DelayMs   int64  `json:"delayMs"`
	Status    int    `json:"status"`
	RequestID string `json:"requestId"`
	// BreakerState is the shared breaker's state when the retry was decided.
	BreakerState string `json:"breakerState,omitempty"`
}

type errorReport struct {
	Kind      string `json:"kind"` // give_up | api (the SDK's error, unchanged) | canceled | other
	Type      string `json:"type"` // the Go type of the error returned
	Message   string `json:"message"`
	Reason    string `json:"reason,omitempty"`
	Attempts  int    `json:"attempts,omitempty"`
	Status    int    `json:"status,omitempty"` // of the API error it is or carries
	ErrorType string `json:"errorType,omitempty"`
	RequestID string `json:"requestId,omitempty"`
}

type callReport struct {
	Case         string        `json:"case,omitempty"`
	Variant      string        `json:"variant"`
	Outcome      string        `json:"outcome"` // ok | error | driver_error
	Model        string        `json:"model,omitempty"`
	UsedFallback bool          `json:"usedFallback"`
	Text         string        `json:"text"`
	Events       []string      `json:"events,omitempty"`
	Retries      []retryRecord `json:"retries"`
	Error        *errorReport  `json:"error,omitempty"`
	ElapsedMs    int64         `json:"elapsedMs"`
	// CancelledAtMs is when the caller cancelled, ms after the call began (0: it did not).
	CancelledAtMs int64 `json:"cancelledAtMs,omitempty"`
}

type transition struct {
	From string `json:"from"`
	To   string `json:"to"`
	AtMs int64  `json:"atMs"`
}

type breakerReport struct {
	Case              string       `json:"case"`
	Outcome           string       `json:"outcome"`
	Transitions       []transition `json:"transitions"`
	Tripper           *callReport  `json:"tripper,omitempty"`
	StateAfterTripper string       `json:"stateAfterTripper,omitempty"`
	Callers           []callReport `json:"callers"`
	FinalState        string       `json:"finalState"`
}

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func newClient() *anthropic.Client {
	client := anthropic.NewClient(option.WithBaseURL(os.Getenv("ANTHROPIC_BASE_URL")), option.WithAPIKey(os.Getenv("ANTHROPIC_API_KEY")))
	return &client
}

func messageParams(model string) anthropic.MessageNewParams {
	return anthropic.MessageNewParams{
		Model:     anthropic.Model(model),
		MaxTokens: 16,
		Messages:  []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock("Say hello"))},
	}
}

func textOf(message *anthropic.Message) string {
	var text strings.Builder
	for _, block := range message.Content {
		text.WriteString(block.Text)
	}
	return text.String()
}

// describeError says why a call ended and which API error it is or carries.
func describeError(err error) *errorReport {
	report := &errorReport{Kind: "other", Type: fmt.Sprintf("%T", err), Message: err.Error()}
	var apiErr *anthropic.Error
	if errors.As(err, &apiErr) {
		report.Status, report.ErrorType, report.RequestID = apiErr.StatusCode, string(apiErr.Type()), apiErr.RequestID
	}
	// Each variant has its own GiveUpError type.
	var gb *basic.GiveUpError
	var gc *circuitbreaker.GiveUpError
	var gf *fallback.GiveUpError
	var gs *streaming.GiveUpError
	var gl *concurrency.GiveUpError
	switch {
	case errors.As(err, &gl):
		report.Kind, report.Reason, report.Attempts = "give_up", gl.Reason, gl.Attempts
	case errors.As(err, &gb):
		report.Kind, report.Reason, report.Attempts = "give_up", gb.Reason, gb.Attempts
	case errors.As(err, &gc):
		report.Kind, report.Reason, report.Attempts = "give_up", gc.Reason, gc.Attempts
	case errors.As(err, &gf):
		report.Kind, report.Reason, report.Attempts = "give_up", gf.Reason, gf.Attempts
	case errors.As(err, &gs):
		report.Kind, report.Reason, report.Attempts = "give_up", gs.Reason, gs.Attempts
	case errors.Is(err, context.Canceled):
		report.Kind = "canceled"
	default:
		if _, unchanged := err.(*anthropic.Error); unchanged {
			report.Kind = "api"
		}
	}
	return report
}

// call makes one call through a variant's entry point with the given policy.
func call(variant string, p params, breaker *circuitbreaker.CircuitBreaker) callReport {
	return callWith(variant, p, breaker, nil, newClient())
}

// callWith: the concurrency variant takes `limiter`, or a fresh one (the process-wide
// default would carry one case's cut limit or 429 pause into the next).
func callWith(variant string, p params, breaker *circuitbreaker.CircuitBreaker, limiter *concurrency.ConcurrencyLimiter, client *anthropic.Client) callReport {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	request := messageParams(p.Model)
	report := callReport{Variant: variant, Retries: []retryRecord{}}
	var mu sync.Mutex
	var cancelTimer *time.Timer
	var cancelledAt time.Duration
	started := time.Now()
	// armCancel starts the caller's cancel timer once; mu is held.
	armCancel := func() {
		if p.CancelAfterMs > 0 && cancelTimer == nil {
			cancelTimer = time.AfterFunc(ms(p.CancelAfterMs), func() {
				mu.Lock()
				cancelledAt = time.Since(started)
				mu.Unlock()
				cancel()
			})
		}
	}
	onRetry := func(attempt int, delay time.Duration, status int, requestID string) {
		record := retryRecord{Attempt: attempt, DelayMs: delay.Milliseconds(), Status: status, RequestID: requestID}
		if breaker != nil {
			record.BreakerState = string(breaker.State())
		}
		mu.Lock()
		defer mu.Unlock()
		report.Retries = append(report.Retries, record)
		// The caller cancels while the wrapper waits or keeps retrying, timed from the first
		// announced retry so a slow first request cannot be cancelled before it was sent.
		armCancel()
	}
	if p.CancelFromStart {
		mu.Lock()
		armCancel()
		mu.Unlock()
	}
	defer func() {
		mu.Lock()
		defer mu.Unlock()
		if cancelTimer != nil {
			cancelTimer.Stop()
		}
	}()
	var err error
	switch variant {
	case "basic":
		var message *anthropic.Message
		message, err = basic.CreateMessageWithRetry(ctx, client, request,
			basic.WithMaxAttempts(p.MaxAttempts), basic.WithDeadline(ms(p.DeadlineMs)),
			basic.WithBackoff(ms(p.BaseDelayMs), ms(p.MaxDelayMs)), basic.WithOnRetry(onRetry))
		if err == nil {
			report.Model, report.Text = string(message.Model), textOf(message)
		}
	case "circuit-breaker":
		if breaker == nil {
			breaker = circuitbreaker.NewCircuitBreaker(circuitbreaker.BreakerSettings{})
		}
		var message *anthropic.Message
		message, err = circuitbreaker.CreateMessageWithRetry(ctx, client, request,
			circuitbreaker.WithMaxAttempts(p.MaxAttempts), circuitbreaker.WithDeadline(ms(p.DeadlineMs)),
			circuitbreaker.WithBackoff(ms(p.BaseDelayMs), ms(p.MaxDelayMs)), circuitbreaker.WithOnRetry(onRetry),
			circuitbreaker.WithCircuitBreaker(breaker))
		if err == nil {
			report.Model, report.Text = string(message.Model), textOf(message)
		}
	case "concurrency":
		if limiter == nil {
			limiter = concurrency.NewConcurrencyLimiter(4, 32)
		}
		var message *anthropic.Message
		message, err = concurrency.CreateMessageWithRetry(ctx, client, request,
			concurrency.WithMaxAttempts(p.MaxAttempts), concurrency.WithDeadline(ms(p.DeadlineMs)),
			concurrency.WithBackoff(ms(p.BaseDelayMs), ms(p.MaxDelayMs)), concurrency.WithOnRetry(onRetry),
			concurrency.WithLimiter(limiter))
		if err == nil {
			report.Model, report.Text = string(message.Model), textOf(message)
		}
	case "fallback":
		options := []fallback.Option{fallback.WithMaxAttempts(p.MaxAttempts), fallback.WithDeadline(ms(p.DeadlineMs)),
			fallback.WithBackoff(ms(p.BaseDelayMs), ms(p.MaxDelayMs)), fallback.WithOnRetry(onRetry)}
		if p.FallbackModel != "" {
			options = append(options, fallback.WithFallback(anthropic.Model(p.FallbackModel), p.FallbackAfter))
		}
		var result *fallback.Result
		result, err = fallback.CreateMessageWithRetry(ctx, client, request, options...)
		if err == nil {
			report.Model, report.UsedFallback, report.Text = string(result.Model), result.UsedFallback, textOf(result.Message)
		}
	case "streaming":
		report.Events = []string{}
		var text strings.Builder
		onEvent := func(event anthropic.MessageStreamEventUnion) {
			mu.Lock()
			defer mu.Unlock()
			report.Events = append(report.Events, event.Type)
			if event.Type == "content_block_delta" {
				text.WriteString(event.Delta.Text)
			}
		}
		var message *anthropic.Message
		message, err = streaming.StreamMessageWithRetry(ctx, client, request, onEvent,
			streaming.WithMaxAttempts(p.MaxAttempts), streaming.WithDeadline(ms(p.DeadlineMs)),
			streaming.WithBackoff(ms(p.BaseDelayMs), ms(p.MaxDelayMs)), streaming.WithOnRetry(onRetry))
		// The text the caller was shown, also when the stream failed part-way.
		report.Text = text.String()
		if err == nil {
			report.Model = string(message.Model)
			if got := textOf(message); got != report.Text {
				err = fmt.Errorf("the accumulated message %q differs from the streamed text %q", got, report.Text)
			}
		}
	default:
		return callReport{Variant: variant, Outcome: "driver_error", Error: &errorReport{Kind: "driver", Message: "unknown variant " + variant}}
	}
	report.ElapsedMs = time.Since(started).Milliseconds()
	mu.Lock()
	if cancelledAt > 0 {
		report.CancelledAtMs = cancelledAt.Milliseconds()
	}
	mu.Unlock()
	report.Outcome = "ok"
	if err != nil {
		report.Outcome, report.Error = "error", describeError(err)
	}
	return report
}

func newRecordingBreaker(p params, started time.Time, transitions *[]transition) *circuitbreaker.CircuitBreaker {
	return circuitbreaker.NewCircuitBreaker(circuitbreaker.BreakerSettings{
		FailureThreshold: p.FailureThreshold, MinimumRequests: p.MinimumRequests, OpenFor: ms(p.OpenForMs),
		// Runs under the breaker's lock, so the slice needs no lock of its own.
		OnStateChange: func(from, to circuitbreaker.BreakerState) {
			*transitions = append(*transitions, transition{string(from), string(to), time.Since(started).Milliseconds()})
		},
	})
}

// crowdCase: the tripper (if any) calls alone on a fresh shared breaker, then the callers go.
func crowdCase(c command) breakerReport {
	started := time.Now()
	transitions := []transition{}
	breaker := newRecordingBreaker(c.Params, started, &transitions)
	report := breakerReport{Outcome: "done"}
	if c.Tripper != nil {
		tripper := call("circuit-breaker", *c.Tripper, breaker)
		report.Tripper, report.StateAfterTripper = &tripper, string(breaker.State())
	}
	callers := make([]callReport, c.Params.Callers)
	if c.Start == "one-by-one" {
		for i := range callers {
			callers[i] = call("circuit-breaker", c.Params, breaker)
		}
	} else {
		var wg sync.WaitGroup
		for i := range callers {
			wg.Add(1)
			go func() { defer wg.Done(); callers[i] = call("circuit-breaker", c.Params, breaker) }()
		}
		wg.Wait()
	}
	report.Callers, report.Transitions, report.FinalState = callers, transitions, string(breaker.State())
	return report
}

// strategyCall is one call of a limiter run's strategy.
func strategyCall(c command, limiter *concurrency.ConcurrencyLimiter, client *anthropic.Client) func(params) callReport {
	switch c.Strategy {
	case "sdk":
		sdkClient := anthropic.NewClient(option.WithBaseURL(os.Getenv("ANTHROPIC_BASE_URL")), option.WithAPIKey(os.Getenv("ANTHROPIC_API_KEY")), option.WithMaxRetries(c.SdkMaxRetries))
		return func(p params) callReport {
			started := time.Now()
			report := callReport{Variant: "sdk", Outcome: "ok", Retries: []retryRecord{}}
			if _, err := sdkClient.Messages.New(context.Background(), messageParams(p.Model)); err != nil {
				report.Outcome, report.Error = "error", describeError(err)
			}
			report.ElapsedMs = time.Since(started).Milliseconds()
			return report
		}
	case "basic":
		var gate chan struct{}
		if c.FixedLimit > 0 {
			gate = make(chan struct{}, c.FixedLimit)
		}
		return func(p params) callReport {
			if gate != nil {
				gate <- struct{}{}
				defer func() { <-gate }()
			}
			return callWith("basic", p, nil, nil, client)
		}
	}
	return func(p params) callReport { return callWith("concurrency", p, nil, limiter, client) }
}

// limiterRun: phases of goroutines on one limiter and one client, as an application holds them.
func limiterRun(c command) limiterReport {
	runStart := time.Now()
	trace := [][2]int64{}
	limiter := concurrency.NewConcurrencyLimiter(c.Limiter.InitialLimit, c.Limiter.MaxLimit)
	// Runs under the limiter's lock, so the slice needs no lock of its own.
	limiter.OnLimitChange = func(limit int) { trace = append(trace, [2]int64{time.Since(runStart).Milliseconds(), int64(limit)}) }
	client := newClient()
	one := strategyCall(c, limiter, client)
	report := limiterReport{Case: c.Case, Outcome: "done", Phases: []limiterPhaseReport{}}
	for _, phase := range c.Phases {
		started := time.Now()
		callers := make([]limiterCaller, len(phase.Callers))
		var wg sync.WaitGroup
		for i, p := range phase.Callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				time.Sleep(ms(i * phase.StaggerMs))
				began := time.Since(started).Milliseconds()
				p.CancelFromStart = true
				result := one(p)
				callers[i] = limiterCaller{result, began, time.Since(started).Milliseconds()}
			}()
		}
		wg.Wait()
		report.Phases = append(report.Phases, limiterPhaseReport{callers, limiter.Limit()})
	}
	limiter.OnLimitChange = nil
	report.LimitTrace = trace
	return report
}

// stormCase times each caller of the storm benchmark; a failed caller's time is null.
func stormCase(s storm) map[string]any {
	client := anthropic.NewClient(option.WithBaseURL(os.Getenv("ANTHROPIC_BASE_URL")),
		option.WithAPIKey(os.Getenv("ANTHROPIC_API_KEY")), option.WithMaxRetries(s.SdkMaxRetries))
	breaker := circuitbreaker.NewCircuitBreaker(circuitbreaker.BreakerSettings{})
	request := messageParams("claude-haiku-4-5")
	completions := make([]*float64, s.Callers)
	var wg sync.WaitGroup
	for i := range completions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), ms(s.DeadlineMs))
			defer cancel()
			started := time.Now()
			time.Sleep(ms(s.StartDelayMs))
			var err error
			switch s.Strategy {
			case "basic":
				_, err = basic.CreateMessageWithRetry(ctx, &client, request)
			case "circuit-breaker":
				_, err = circuitbreaker.CreateMessageWithRetry(ctx, &client, request, circuitbreaker.WithCircuitBreaker(breaker))
			default:
				_, err = client.Messages.New(ctx, request)
			}
			if err == nil {
				elapsed := float64(time.Since(started).Microseconds()) / 1000
				completions[i] = &elapsed
			}
		}()
	}
	wg.Wait()
	return map[string]any{"completions": completions}
}

func run(line []byte) any {
	var c command
	if err := json.Unmarshal(line, &c); err != nil {
		return callReport{Outcome: "driver_error", Error: &errorReport{Kind: "driver", Message: err.Error()}}
	}
	switch c.Action {
	case "call":
		report := call(c.Variant, c.Params, nil)
		report.Case = c.Case
		return report
	case "crowd":
		report := crowdCase(c)
		report.Case = c.Case
		return report
	case "limiter":
		return limiterRun(c)
	case "storm":
		if c.Storm != nil {
			return stormCase(*c.Storm)
		}
	}
	return callReport{Case: c.Case, Outcome: "driver_error", Error: &errorReport{Kind: "driver", Message: "unknown action " + c.Action}}
}

func main() {
	input := bufio.NewScanner(os.Stdin)
	input.Buffer(make([]byte, 1<<20), 1<<20)
	output := json.NewEncoder(os.Stdout)
	for input.Scan() {
		if err := output.Encode(run(input.Bytes())); err != nil {
			fmt.Fprintln(os.Stderr, "driver:", err)
			os.Exit(1)
		}
	}
}
