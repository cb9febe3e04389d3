// Tests of the net/http recipe (package chat, rendered from
// src/core/snippets/recipes/go-http.go.tmpl) through httptest, against the simulator
// at ANTHROPIC_BASE_URL, whose control endpoints script the faults and count requests.
// The recipe's wrapper is rendered with a quick policy (3 attempts, waits of
// milliseconds), so a give-up case ends at once.
package chat

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/anthropics/anthropic-sdk-go"
)

const fullReply = "Hello! This is the Claude Health simulator answering in place of Claude."

func simCall(t *testing.T, method, path, body string) []byte {
	t.Helper()
	request, err := http.NewRequest(method, os.Getenv("ANTHROPIC_BASE_URL")+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	request.Header.Set("Content-Type", "application/json")
	response, err := http.DefaultClient.Do(request)
	if err != nil {
		t.Fatal(err)
	}
	defer response.Body.Close()
	var out json.RawMessage
	if err := json.NewDecoder(response.Body).Decode(&out); err != nil || response.StatusCode != http.StatusOK {
		t.Fatalf("simulator %s %s: %d %v", method, path, response.StatusCode, err)
	}
	return out
}

// fresh resets the simulator and scripts its next answers (a JSON array of faults).
func fresh(t *testing.T, faults string) {
	t.Helper()
	simCall(t, http.MethodPost, "/_sim/reset", "{}")
	simCall(t, http.MethodPost, "/_sim/script", `{"faults": `+faults+`}`)
}

func messagesSent(t *testing.T) int {
	t.Helper()
	var state struct {
		Requests map[string]int `json:"requests"`
	}
	if err := json.Unmarshal(simCall(t, http.MethodGet, "/_sim/state", ""), &state); err != nil {
		t.Fatal(err)
	}
	return state.Requests["POST /v1/messages"]
}

// handler is the recipe as an app mounts it: one client from the environment.
func handler() http.Handler {
	client := anthropic.NewClient()
	return NewHandler(&client)
}

func post(t *testing.T, body string) *httptest.ResponseRecorder {
	t.Helper()
	recorder := httptest.NewRecorder()
	handler().ServeHTTP(recorder, httptest.NewRequest(http.MethodPost, "/chat", strings.NewReader(body)))
	if key := os.Getenv("ANTHROPIC_API_KEY"); strings.Contains(recorder.Body.String(), key) || strings.Contains(strings.Join(recorder.Header().Values("Retry-After"), ""), key) {
		t.Fatal("the key showed in a response")
	}
	return recorder
}

func TestAnswersWithTheWholeReply(t *testing.T) {
	fresh(t, "[]")
	recorder := post(t, `{"prompt": "Say hello"}`)
	var answer struct{ Text, Model string }
	if err := json.Unmarshal(recorder.Body.Bytes(), &answer); err != nil || recorder.Code != http.StatusOK || answer.Text != fullReply {
		t.Fatalf("got %d %s", recorder.Code, recorder.Body)
	}
	if got := recorder.Header().Get("Content-Type"); got != "application/json" {
		t.Fatalf("content type %q", got)
	}
	if sent := messagesSent(t); sent != 1 {
		t.Fatalf("%d requests, want 1", sent)
	}
}

func TestRidesOutOverloads(t *testing.T) {
	fresh(t, `[{"kind": "overloaded", "times": 2}]`)
	recorder := post(t, `{"prompt": "Say hello"}`)
	if recorder.Code != http.StatusOK || !strings.Contains(recorder.Body.String(), fullReply) {
		t.Fatalf("got %d %s", recorder.Code, recorder.Body)
	}
	if sent := messagesSent(t); sent != 3 {
		t.Fatalf("%d requests, want 3", sent)
	}
}

func TestAnswers503WithRetryAfterWhenTheBudgetRunsOut(t *testing.T) {
	fresh(t, `[{"kind": "overloaded", "times": 20}]`)
	recorder := post(t, `{"prompt": "Say hello"}`)
	if recorder.Code != http.StatusServiceUnavailable || recorder.Header().Get("Retry-After") != "10" || !strings.Contains(recorder.Body.String(), "busy") {
		t.Fatalf("got %d, Retry-After %q: %s", recorder.Code, recorder.Header().Get("Retry-After"), recorder.Body)
	}
	if sent := messagesSent(t); sent != 3 {
		t.Fatalf("%d requests, want the quick policy's 3", sent)
	}
}

func TestPassesARateLimitOnWithTheServersRetryAfter(t *testing.T) {
	fresh(t, `[{"kind": "rate_limited", "times": 20, "retryAfterSeconds": 7, "retryAfterMs": 10}]`)
	recorder := post(t, `{"prompt": "Say hello"}`)
	if recorder.Code != http.StatusTooManyRequests || recorder.Header().Get("Retry-After") != "7" {
		t.Fatalf("got %d, Retry-After %q: %s", recorder.Code, recorder.Header().Get("Retry-After"), recorder.Body)
	}
}

func TestAnswers502AtOnceWithoutEchoingTheError(t *testing.T) {
	fresh(t, `[{"kind": "bad_request"}]`)
	recorder := post(t, `{"prompt": "Say hello"}`)
	if recorder.Code != http.StatusBadGateway || strings.Contains(recorder.Body.String(), "invalid_request_error") {
		t.Fatalf("got %d %s", recorder.Code, recorder.Body)
	}
	if sent := messagesSent(t); sent != 1 {
		t.Fatalf("%d requests, want 1", sent)
	}
}

func TestRefusesBadInputWithoutCallingTheAPI(t *testing.T) {
	fresh(t, "[]")
	for _, body := range []string{"", "not json", "{}", `{"prompt": 42}`, `{"prompt": "   "}`, "[1,2]"} {
		if recorder := post(t, body); recorder.Code != http.StatusBadRequest {
			t.Errorf("%q: got %d %s", body, recorder.Code, recorder.Body)
		}
	}
	if recorder := post(t, `{"prompt": "`+strings.Repeat("x", 70<<10)+`"}`); recorder.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a 70 KiB body: got %d", recorder.Code)
	}
	recorder := httptest.NewRecorder()
	handler().ServeHTTP(recorder, httptest.NewRequest(http.MethodGet, "/chat", nil))
	if recorder.Code != http.StatusMethodNotAllowed || recorder.Header().Get("Allow") != http.MethodPost {
		t.Errorf("GET: got %d, Allow %q", recorder.Code, recorder.Header().Get("Allow"))
	}
	if sent := messagesSent(t); sent != 0 {
		t.Fatalf("%d requests, want none", sent)
	}
}
