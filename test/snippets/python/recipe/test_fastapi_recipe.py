"""Tests of the FastAPI recipe (app/main.py, rendered from
src/core/snippets/recipes/fastapi.py.tmpl) through FastAPI's TestClient, against the
simulator at ANTHROPIC_BASE_URL, whose control endpoints script the faults and count
requests. The recipe's wrapper (app/claude_retry.py) is rendered with a quick policy
(3 attempts, waits of milliseconds), so a give-up case ends at once.
"""

from __future__ import annotations

import json
import logging
import os
import time
import unittest
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from fastapi.testclient import TestClient

from app import main

# The recipe's own error log and asyncio's debug notes would interleave with the test report.
logging.getLogger("app.main").disabled = True
logging.getLogger("asyncio").setLevel(logging.ERROR)

FULL_REPLY = "Hello! This is the Claude Health simulator answering in place of Claude."
KEY = os.environ["ANTHROPIC_API_KEY"]


def sim(method: str, path: str, body: Any = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(os.environ["ANTHROPIC_BASE_URL"] + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:  # loopback simulator only
        return json.loads(response.read())


def fresh(faults: list[dict[str, Any]]) -> None:
    sim("POST", "/_sim/reset", {})
    sim("POST", "/_sim/script", {"faults": faults})


def messages_sent() -> int:
    requests: dict[str, int] = sim("GET", "/_sim/state")["requests"]
    return requests.get("POST /v1/messages", 0)


class FastApiRecipe(unittest.TestCase):
    client: TestClient

    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(main.app)
        cls.client.__enter__()  # runs the lifespan: the shared client and limiter

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.__exit__(None, None, None)

    def chat(self, body: Any) -> Any:
        content = body if isinstance(body, str) else json.dumps(body)
        response = self.client.post("/chat", content=content, headers={"content-type": "application/json"})
        self.assertNotIn(KEY, response.text + json.dumps(dict(response.headers)))
        return response

    def test_answers_with_the_whole_reply(self) -> None:
        fresh([])
        response = self.chat({"prompt": "Say hello"})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["text"], FULL_REPLY)
        self.assertEqual(messages_sent(), 1)

    def test_rides_out_overloads(self) -> None:
        fresh([{"kind": "overloaded", "times": 2}])
        response = self.chat({"prompt": "Say hello"})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["text"], FULL_REPLY)
        self.assertEqual(messages_sent(), 3)

    def test_answers_503_with_retry_after_when_the_budget_runs_out(self) -> None:
        fresh([{"kind": "overloaded", "times": 20}])
        response = self.chat({"prompt": "Say hello"})
        self.assertEqual(response.status_code, 503, response.text)
        self.assertEqual(response.headers["retry-after"], "10")
        self.assertIn("busy", response.text)
        self.assertEqual(messages_sent(), 3)

    def test_passes_a_rate_limit_on_with_the_servers_retry_after(self) -> None:
        fresh([{"kind": "rate_limited", "times": 20, "retryAfterSeconds": 7, "retryAfterMs": 10}])
        response = self.chat({"prompt": "Say hello"})
        self.assertEqual(response.status_code, 429, response.text)
        self.assertEqual(response.headers["retry-after"], "7")

    def test_answers_502_at_once_without_echoing_the_error(self) -> None:
        fresh([{"kind": "bad_request"}])
        response = self.chat({"prompt": "Say hello"})
        self.assertEqual(response.status_code, 502, response.text)
        self.assertNotIn("invalid_request_error", response.text)
        self.assertEqual(messages_sent(), 1)

    def test_refuses_bad_input_without_calling_the_api(self) -> None:
        fresh([])
        for body in ["", "not json", "{}", '{"prompt": 42}', '{"prompt": "   "}', "[1,2]"]:
            self.assertEqual(self.chat(body).status_code, 422, body)
        self.assertEqual(self.chat({"prompt": "x" * (70 * 1024)}).status_code, 413)
        self.assertEqual(messages_sent(), 0)

    def hold_every_slot(self) -> list[float]:
        """Takes every slot of the app's limiter, as callers that never finish would."""
        limiter = main.app.state.claude_limiter
        portal = self.client.portal  # the event loop the app runs on, where its limiter lives
        assert portal is not None
        held: list[float] = []
        while limiter.in_flight < limiter.limit:
            held.append(portal.call(limiter.acquire, 5.0))
        return held

    def give_back(self, held: list[float]) -> None:
        portal = self.client.portal
        assert portal is not None
        for granted_at in held:
            portal.call(main.app.state.claude_limiter.release, granted_at, "other")

    def test_a_caller_that_waits_past_its_deadline_for_a_slot_is_told_to_come_back(self) -> None:
        fresh([])
        saved = main.DEADLINE_SECONDS
        held = self.hold_every_slot()
        try:
            main.DEADLINE_SECONDS = 0.2
            response = self.chat({"prompt": "Say hello"})
        finally:
            main.DEADLINE_SECONDS = saved
            self.give_back(held)
        self.assertGreaterEqual(len(held), 1)
        self.assertEqual(response.status_code, 503, response.text)
        self.assertEqual(response.headers["retry-after"], "10")
        self.assertEqual(messages_sent(), 0)

    def test_turns_a_caller_away_at_once_when_too_many_wait(self) -> None:
        fresh([])
        limiter = main.app.state.claude_limiter
        saved = main.MAX_WAITING
        held = self.hold_every_slot()
        with ThreadPoolExecutor(max_workers=1) as pool:
            try:
                main.MAX_WAITING = 1
                queued = pool.submit(self.chat, {"prompt": "Say hello"})
                wait_until(lambda: limiter.waiting == 1)
                turned_away = self.chat({"prompt": "Say hello"})
                self.assertEqual(messages_sent(), 0)
            finally:
                main.MAX_WAITING = saved
                self.give_back(held)
            self.assertEqual(queued.result(timeout=60).status_code, 200)
        self.assertEqual(turned_away.status_code, 503, turned_away.text)
        self.assertEqual(turned_away.headers["retry-after"], "5")
        self.assertEqual(messages_sent(), 1)


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    give_up_at = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > give_up_at:
            raise AssertionError("the condition did not hold in time")
        time.sleep(0.01)


def message_statuses() -> list[int]:
    requests: list[dict[str, Any]] = sim("GET", "/_sim/requests")["requests"]
    return [r["status"] for r in requests if r["method"] == "POST" and r["path"] == "/v1/messages"]


class SharedLimiterUnderCapacity(unittest.TestCase):
    """Many requests at once through TestClient against the simulator's capacity model,
    which answers 529 to any request beyond its capacity in flight."""

    def crowd(self, callers: int, ceiling: int, initial: int) -> tuple[list[int], int]:
        """`callers` requests at once on a fresh app (its own limiter); their statuses and the limit after."""
        saved = main.MAX_IN_FLIGHT, main.INITIAL_IN_FLIGHT
        main.MAX_IN_FLIGHT, main.INITIAL_IN_FLIGHT = ceiling, initial
        try:
            with TestClient(main.app) as client, ThreadPoolExecutor(max_workers=callers) as pool:

                def ask(i: int) -> tuple[int, str]:
                    response = client.post("/chat", json={"prompt": f"caller {i}"})
                    return response.status_code, response.text

                answers = list(pool.map(ask, range(callers)))
                limit: int = main.app.state.claude_limiter.limit
        finally:
            main.MAX_IN_FLIGHT, main.INITIAL_IN_FLIGHT = saved
        for _, text in answers:
            self.assertNotIn(KEY, text)
        return [status for status, _ in answers], limit

    def test_never_sends_more_than_the_limit_and_answers_everyone(self) -> None:
        fresh([])
        sim("POST", "/_sim/capacity", {"capacity": {"maxInFlight": 3, "serviceTimeMs": 150}})
        statuses, limit = self.crowd(callers=12, ceiling=3, initial=2)
        self.assertEqual(statuses, [200] * 12)
        # A fourth request in flight would have been a 529: the API never saw more than 3.
        self.assertEqual(message_statuses(), [200] * 12)
        self.assertEqual(limit, 3)

    def test_absorbs_the_529s_of_a_capacity_below_its_limit(self) -> None:
        fresh([])
        sim("POST", "/_sim/capacity", {"capacity": {"maxInFlight": 2, "serviceTimeMs": 150}})
        statuses, limit = self.crowd(callers=16, ceiling=6, initial=4)
        self.assertEqual(statuses, [200] * 16)
        seen = message_statuses()
        self.assertEqual(seen.count(200), 16)
        self.assertGreaterEqual(seen.count(529), 1, "the limit started above the capacity: the API must have said so")
        self.assertEqual(len(seen), seen.count(200) + seen.count(529))
        self.assertLessEqual(len(seen), 24, "more than 1.5 requests per answer")
        self.assertLessEqual(limit, 3, "the limit did not come down to the capacity")


if __name__ == "__main__":
    unittest.main()
