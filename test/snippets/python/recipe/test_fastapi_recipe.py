"""Tests of the FastAPI recipe (app/main.py, rendered from
src/core/snippets/recipes/fastapi.py.tmpl) through FastAPI's TestClient, against the
simulator at ANTHROPIC_BASE_URL, whose control endpoints script the faults and count
requests. The recipe's wrapper (app/claude_retry.py) is rendered with a quick policy
(3 attempts, waits of milliseconds), so a give-up case ends at once.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import unittest
import urllib.request
from typing import Any

import httpx
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

    def test_a_caller_that_waits_too_long_for_a_slot_is_told_to_come_back(self) -> None:
        fresh([])
        limiter: asyncio.Semaphore = main.app.state.claude_limiter
        portal = self.client.portal  # the event loop the app runs on, where its limiter lives
        assert portal is not None
        saved = main.QUEUE_TIMEOUT_SECONDS
        held = 0
        try:
            main.QUEUE_TIMEOUT_SECONDS = 0.05
            while not limiter.locked():  # every slot taken by callers that never finish
                portal.call(limiter.acquire)
                held += 1
            response = self.chat({"prompt": "Say hello"})
        finally:
            for _ in range(held):
                portal.call(limiter.release)
            main.QUEUE_TIMEOUT_SECONDS = saved
        self.assertEqual(held, main.MAX_IN_FLIGHT)
        self.assertEqual(response.status_code, 503, response.text)
        self.assertEqual(response.headers["retry-after"], "5")
        self.assertEqual(messages_sent(), 0)


class SharedLimit(unittest.IsolatedAsyncioTestCase):
    async def test_concurrent_requests_never_exceed_the_limit_and_all_are_answered(self) -> None:
        fresh([{"kind": "ok", "latencyMs": 150, "times": 12}])
        in_flight = 0
        most = 0
        original = getattr(main, "acreate_message_with_retry")

        async def counted(*args: Any, **kwargs: Any) -> Any:
            nonlocal in_flight, most
            in_flight += 1
            most = max(most, in_flight)
            try:
                return await original(*args, **kwargs)
            finally:
                in_flight -= 1

        setattr(main, "acreate_message_with_retry", counted)
        saved_limit = main.MAX_IN_FLIGHT
        main.MAX_IN_FLIGHT = 3
        try:
            async with main.lifespan(main.app):
                transport = httpx.ASGITransport(app=main.app)
                async with httpx.AsyncClient(transport=transport, base_url="http://recipe.test") as client:
                    responses = await asyncio.gather(*(client.post("/chat", json={"prompt": f"caller {i}"}) for i in range(12)))
        finally:
            setattr(main, "acreate_message_with_retry", original)
            main.MAX_IN_FLIGHT = saved_limit
        self.assertEqual([r.status_code for r in responses], [200] * 12)
        self.assertLessEqual(most, 3)
        self.assertGreaterEqual(most, 1)
        self.assertEqual(messages_sent(), 12)


if __name__ == "__main__":
    unittest.main()
