"""Runs the rendered Python retry wrappers against the simulator for the snippet tests.

Reads one JSON command per line on stdin and writes one JSON result per line on
stdout, so the interpreter and the SDK load once for the whole suite. The wrappers
are imported from the packages `wrappers_sync` and `wrappers_async`, which the test
writes next to this file in its temporary project; mypy --strict checks this file
together with them, so every call below is checked against the rendered signatures.

The client comes from the environment (ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL), with
the SDK's own retries left on and raised: the wrappers must turn them off, and the
test counts the requests the simulator saw to prove it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import threading
import time
from typing import Any, Callable, Optional

import anthropic

from wrappers_async import basic as async_basic
from wrappers_async import circuit_breaker as async_circuit_breaker
from wrappers_async import concurrency as async_concurrency
from wrappers_async import fallback as async_fallback
from wrappers_async import streaming as async_streaming
from wrappers_sync import basic as sync_basic
from wrappers_sync import circuit_breaker as sync_circuit_breaker
from wrappers_sync import concurrency as sync_concurrency
from wrappers_sync import fallback as sync_fallback
from wrappers_sync import streaming as sync_streaming

Json = dict[str, Any]

# A user's client as it usually is: the SDK retries on by default; more of them here
# makes any stacking show up plainly in the simulator's request counts.
CLIENT_MAX_RETRIES = 4


def sync_client() -> anthropic.Anthropic:
    return anthropic.Anthropic(max_retries=CLIENT_MAX_RETRIES)


def async_client() -> anthropic.AsyncAnthropic:
    return anthropic.AsyncAnthropic(max_retries=CLIENT_MAX_RETRIES)


class Recorder:
    """Collects the wrappers' on_retry calls (threads may call it at once).

    `on_first_retry` runs once, when the wrapper announces its first retry: a
    cancelling caller is timed from there, so a slow first request on a busy
    machine cannot make the cancel land before anything was sent.
    """

    def __init__(self, on_first_retry: Optional[Callable[[], None]] = None) -> None:
        self._lock = threading.Lock()
        self.retries: list[Json] = []
        self._on_first_retry = on_first_retry

    def __call__(self, attempt: int, delay: float, status: Optional[int], request_id: Optional[str]) -> None:
        with self._lock:
            self.retries.append({"attempt": attempt, "delay": delay, "status": status, "requestId": request_id})
            first, self._on_first_retry = self._on_first_retry, None
        if first is not None:
            first()


def describe_error(error: BaseException) -> Json:
    described: Json = {"type": type(error).__name__, "message": str(error)}
    if isinstance(error, anthropic.APIStatusError):
        described["status"] = error.status_code
        if error.request_id is not None:
            described["requestId"] = error.request_id
        body = error.body
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            described["errorType"] = body["error"].get("type")
    reason = getattr(error, "reason", None)
    if isinstance(reason, str):
        described["reason"] = reason
    last_error = getattr(error, "last_error", None)
    if isinstance(last_error, BaseException):
        described["lastError"] = describe_error(last_error)
    return described


def error_result(error: Exception) -> Json:
    if isinstance(error, StreamFailed):
        return {"outcome": "error", "error": describe_error(error.error), **error.log.as_json()}
    return {"outcome": "error", "error": describe_error(error)}


def outcome_of(run: Callable[[], Json]) -> Json:
    """Runs one call; the result says how it ended, what it returned and how long it took."""
    started = time.monotonic()
    try:
        result = {"outcome": "ok", **run()}
    except Exception as error:  # every failure is data for the test
        result = error_result(error)
    result["elapsedMs"] = round((time.monotonic() - started) * 1000)
    return result


def text_of(message: anthropic.types.Message) -> str:
    return "".join(block.text for block in message.content if block.type == "text")


def sync_call(
    command: Json,
    breaker: Optional[sync_circuit_breaker.CircuitBreaker] = None,
    limiter: Optional[sync_concurrency.ConcurrencyLimiter] = None,
    shared_client: Optional[anthropic.Anthropic] = None,
) -> Json:
    variant: str = command["variant"]
    policy: Json = command.get("policy", {})
    params: Json = command["params"]
    recorder = Recorder()

    def run() -> Json:
        with sync_client() if shared_client is None else contextlib.nullcontext(shared_client) as client:
            if variant == "basic":
                message = sync_basic.create_message_with_retry(client, on_retry=recorder, **policy, **params)
                return {"model": message.model, "text": text_of(message)}
            if variant == "circuit-breaker":
                shared = breaker or sync_circuit_breaker.CircuitBreaker(**command.get("breaker", {}))
                message = sync_circuit_breaker.create_message_with_retry(client, shared, on_retry=recorder, **policy, **params)
                return {"model": message.model, "text": text_of(message)}
            if variant == "fallback":
                result = sync_fallback.create_message_with_retry(
                    client, on_retry=recorder, **command.get("fallback", {}), **policy, **params
                )
                return {"model": result.model, "fellBack": result.fell_back, "text": text_of(result.message)}
            if variant == "concurrency":
                # A limiter of its own per call: the process-wide one would carry a case's
                # cut limit or 429 pause into the next case.
                own = limiter or sync_concurrency.ConcurrencyLimiter()
                message = sync_concurrency.create_message_with_retry(client, limiter=own, on_retry=recorder, **policy, **params)
                return {"model": message.model, "text": text_of(message)}
            if variant == "streaming":
                return consume_sync_stream(sync_streaming.stream_message_with_retry(client, on_retry=recorder, **policy, **params))
            raise ValueError(f"unknown variant {variant}")

    result = outcome_of(run)
    result["retries"] = recorder.retries
    return result


class StreamLog:
    """What a consumer of a wrapped stream saw, kept when the stream fails midway."""

    def __init__(self) -> None:
        self.event_types: list[str] = []
        self.text = ""
        self.final_model: Optional[str] = None

    def see(self, event: Any) -> None:
        self.event_types.append(event.type)
        if event.type == "text":
            self.text += event.text
        if event.type == "message_stop":
            self.final_model = event.message.model

    def as_json(self) -> Json:
        return {"eventTypes": self.event_types, "text": self.text, "model": self.final_model}


def consume_sync_stream(events: Any) -> Json:
    log = StreamLog()
    try:
        for event in events:
            log.see(event)
    except Exception as error:
        raise StreamFailed(error, log) from error
    return log.as_json()


class StreamFailed(Exception):
    """A stream error, with what the consumer had already seen."""

    def __init__(self, error: Exception, log: StreamLog) -> None:
        super().__init__(str(error))
        self.error = error
        self.log = log


def sync_breaker(command: Json) -> Json:
    """An optional caller trips the shared breaker, then `callers` threads go through it, together or one by one."""
    breaker = sync_circuit_breaker.CircuitBreaker(**command["breaker"])
    result: Json = {}
    if "trip" in command:
        result["trip"] = sync_call({**command, **command["trip"], "variant": "circuit-breaker"}, breaker)
        result["stateAfterTrip"] = breaker.state
    results: list[Json] = [{} for _ in range(command["callers"])]

    def caller(index: int) -> None:
        results[index] = sync_call({**command, "variant": "circuit-breaker"}, breaker)

    if command.get("start") == "one-by-one":
        for index in range(command["callers"]):
            caller(index)
    else:
        threads = [threading.Thread(target=caller, args=(i,)) for i in range(command["callers"])]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return {**result, "callers": results, "stateAfter": breaker.state}


async def async_call(
    command: Json,
    breaker: Optional[async_circuit_breaker.CircuitBreaker] = None,
    limiter: Optional[async_concurrency.ConcurrencyLimiter] = None,
    shared_client: Optional[anthropic.AsyncAnthropic] = None,
) -> Json:
    """One call; with `cancel_after_ms`, the calling task is cancelled that long after the wrapper announced its first retry."""
    started = time.monotonic()
    cancel_after_ms = command.get("cancel_after_ms")
    cancelled_at: list[float] = []
    loop = asyncio.get_running_loop()
    task: Optional[asyncio.Task[Json]] = None

    def cancel() -> None:
        cancelled_at.append(time.monotonic())
        if task is not None:
            task.cancel()

    def arm_cancel() -> None:
        if cancel_after_ms is not None:
            loop.call_later(cancel_after_ms / 1000, cancel)

    recorder = Recorder(arm_cancel)
    if command.get("cancel_from_start"):  # a limiter run's caller is cancelled while queued: no retry to time it from
        arm_cancel()
    task = asyncio.create_task(async_outcome(command, recorder, breaker, limiter, shared_client))
    result: Json
    try:
        result = await task
    except asyncio.CancelledError:
        result = {"outcome": "cancelled"}
    result["elapsedMs"] = round((time.monotonic() - started) * 1000)
    if cancelled_at:
        result["cancelledAtMs"] = round((cancelled_at[0] - started) * 1000)
    result["retries"] = recorder.retries
    return result


async def async_outcome(
    command: Json,
    recorder: Recorder,
    breaker: Optional[async_circuit_breaker.CircuitBreaker],
    limiter: Optional[async_concurrency.ConcurrencyLimiter],
    shared_client: Optional[anthropic.AsyncAnthropic] = None,
) -> Json:
    variant: str = command["variant"]
    policy: Json = command.get("policy", {})
    params: Json = command["params"]
    try:
        async with async_client() if shared_client is None else contextlib.nullcontext(shared_client) as client:
            if variant == "basic":
                message = await async_basic.acreate_message_with_retry(client, on_retry=recorder, **policy, **params)
                return {"outcome": "ok", "model": message.model, "text": text_of(message)}
            if variant == "circuit-breaker":
                shared = breaker or async_circuit_breaker.CircuitBreaker(**command.get("breaker", {}))
                message = await async_circuit_breaker.acreate_message_with_retry(client, shared, on_retry=recorder, **policy, **params)
                return {"outcome": "ok", "model": message.model, "text": text_of(message)}
            if variant == "fallback":
                answer = await async_fallback.acreate_message_with_retry(
                    client, on_retry=recorder, **command.get("fallback", {}), **policy, **params
                )
                return {"outcome": "ok", "model": answer.model, "fellBack": answer.fell_back, "text": text_of(answer.message)}
            if variant == "concurrency":
                # Without a limiter of its own, the call uses this event loop's default (a fresh
                # loop per command, so a fresh limiter per case).
                message = await async_concurrency.acreate_message_with_retry(client, limiter=limiter, on_retry=recorder, **policy, **params)
                return {"outcome": "ok", "model": message.model, "text": text_of(message)}
            if variant == "streaming":
                log = StreamLog()
                try:
                    async for event in async_streaming.astream_message_with_retry(client, on_retry=recorder, **policy, **params):
                        log.see(event)
                except Exception as error:
                    raise StreamFailed(error, log) from error
                return {"outcome": "ok", **log.as_json()}
            raise ValueError(f"unknown variant {variant}")
    except Exception as error:  # every failure is data for the test
        return error_result(error)


async def async_breaker(command: Json) -> Json:
    """An optional caller trips the shared breaker, then `callers` tasks go through it, together or one by one."""
    breaker = async_circuit_breaker.CircuitBreaker(**command["breaker"])
    result: Json = {}
    if "trip" in command:
        result["trip"] = await async_call({**command, **command["trip"], "variant": "circuit-breaker"}, breaker)
        result["stateAfterTrip"] = await breaker.state()
    results: list[Json] = []
    if command.get("start") == "one-by-one":
        for _ in range(command["callers"]):
            results.append(await async_call({**command, "variant": "circuit-breaker"}, breaker))
    else:
        callers = [async_call({**command, "variant": "circuit-breaker"}, breaker) for _ in range(command["callers"])]
        results = list(await asyncio.gather(*callers))
    return {**result, "callers": results, "stateAfter": await breaker.state()}


def sync_limiter(command: Json) -> Json:
    """Phases of threads on one limiter; thread i of a phase starts i * stagger_ms in.

    The capacity benchmark runs the same phases with other strategies: "basic" (the basic
    wrapper, under a semaphore of `fixed_limit` when given) or "sdk" (the SDK's own retries).
    """
    settings: Json = command["limiter"]
    strategy: str = command.get("strategy", "concurrency")
    run_start = time.monotonic()
    trace: list[list[float]] = []
    limiter = sync_concurrency.ConcurrencyLimiter(
        settings["initial_limit"], settings["max_limit"], on_limit_change=lambda limit: trace.append([round((time.monotonic() - run_start) * 1000), limit])
    )
    fixed_limit: Optional[int] = command.get("fixed_limit")
    gate = threading.Semaphore(fixed_limit) if fixed_limit else None
    # One client for every thread, as an application holds it: its set-up is not a caller's.
    client = anthropic.Anthropic(max_retries=command.get("sdk_max_retries", 10)) if strategy == "sdk" else sync_client()
    phases: list[Json] = []
    for phase in command["phases"]:
        calls: list[Json] = phase["calls"]
        results: list[Json] = [{} for _ in calls]
        phase_start = time.monotonic()

        def one_call(index: int) -> Json:
            if strategy == "sdk":
                return {**outcome_of(lambda: {"model": client.messages.create(**command["params"]).model}), "retries": []}
            if strategy == "basic":
                with gate if gate is not None else contextlib.nullcontext():
                    return sync_call({**command, **calls[index], "variant": "basic"}, shared_client=client)
            return sync_call({**command, **calls[index], "variant": "concurrency"}, limiter=limiter, shared_client=client)

        def caller(index: int) -> None:
            began = time.monotonic()
            result = one_call(index)
            result["startedAtMs"] = round((began - phase_start) * 1000)
            result["endedAtMs"] = round((time.monotonic() - phase_start) * 1000)
            results[index] = result

        threads = [threading.Thread(target=caller, args=(i,)) for i in range(len(calls))]
        for index, thread in enumerate(threads):
            time.sleep(max(0.0, phase_start + index * phase.get("stagger_ms", 0) / 1000 - time.monotonic()))
            thread.start()
        for thread in threads:
            thread.join()
        phases.append({"callers": results, "limitAfter": limiter.limit})
    client.close()
    return {"phases": phases, "limitTrace": trace}


async def async_limiter(command: Json) -> Json:
    """Phases of tasks on one limiter; task i of a phase starts i * stagger_ms in (strategies as in sync_limiter)."""
    settings: Json = command["limiter"]
    strategy: str = command.get("strategy", "concurrency")
    run_start = time.monotonic()
    trace: list[list[float]] = []
    limiter = async_concurrency.ConcurrencyLimiter(
        settings["initial_limit"], settings["max_limit"], on_limit_change=lambda limit: trace.append([round((time.monotonic() - run_start) * 1000), limit])
    )
    fixed_limit: Optional[int] = command.get("fixed_limit")
    gate = asyncio.Semaphore(fixed_limit) if fixed_limit else None
    client = anthropic.AsyncAnthropic(max_retries=command.get("sdk_max_retries", 10)) if strategy == "sdk" else async_client()
    phases: list[Json] = []
    for phase in command["phases"]:
        calls: list[Json] = phase["calls"]
        phase_start = time.monotonic()

        async def sdk_call() -> Json:
            started = time.monotonic()
            try:
                message = await client.messages.create(**command["params"])
                result: Json = {"outcome": "ok", "model": message.model}
            except Exception as error:  # every failure is data for the benchmark
                result = error_result(error)
            return {**result, "retries": [], "elapsedMs": round((time.monotonic() - started) * 1000)}

        async def one_call(index: int) -> Json:
            if strategy == "sdk":
                return await sdk_call()
            if strategy == "basic":
                async with gate if gate is not None else contextlib.nullcontext():
                    return await async_call({**command, **calls[index], "variant": "basic"}, shared_client=client)
            return await async_call({**command, **calls[index], "variant": "concurrency", "cancel_from_start": True}, limiter=limiter, shared_client=client)

        async def caller(index: int) -> Json:
            await asyncio.sleep(index * phase.get("stagger_ms", 0) / 1000)
            began = time.monotonic()
            result = await one_call(index)
            result["startedAtMs"] = round((began - phase_start) * 1000)
            result["endedAtMs"] = round((time.monotonic() - phase_start) * 1000)
            return result

        results = list(await asyncio.gather(*(caller(i) for i in range(len(calls)))))
        phases.append({"callers": results, "limitAfter": limiter.limit})
    await client.close()
    return {"phases": phases, "limitTrace": trace}


def storm_sync(command: Json) -> Json:
    """The storm benchmark's crowd: `callers` threads at once, one shared client, each timed."""
    storm: Json = command["storm"]
    strategy: str = storm["strategy"]
    client = anthropic.Anthropic(max_retries=storm.get("sdkMaxRetries", 2))
    breaker = sync_circuit_breaker.CircuitBreaker() if strategy == "circuit-breaker" else None
    params: Json = command["params"]
    completions: list[Optional[float]] = [None] * storm["callers"]

    def caller(index: int) -> None:
        started = time.monotonic()
        try:
            time.sleep(storm.get("startDelayMs", 0) / 1000)
            if strategy == "basic":
                sync_basic.create_message_with_retry(client, **params)
            elif strategy == "circuit-breaker":
                assert breaker is not None
                sync_circuit_breaker.create_message_with_retry(client, breaker, **params)
            else:
                client.messages.create(**params)
        except Exception:  # a failed caller has no completion time
            return
        completions[index] = (time.monotonic() - started) * 1000

    threads = [threading.Thread(target=caller, args=(i,)) for i in range(storm["callers"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client.close()
    return {"completions": completions}


async def storm_async(command: Json) -> Json:
    """The storm benchmark's crowd: `callers` tasks at once, one shared client, each timed."""
    storm: Json = command["storm"]
    strategy: str = storm["strategy"]
    params: Json = command["params"]
    async with anthropic.AsyncAnthropic(max_retries=storm.get("sdkMaxRetries", 2)) as client:
        breaker = async_circuit_breaker.CircuitBreaker() if strategy == "circuit-breaker" else None

        async def caller() -> Optional[float]:
            started = time.monotonic()
            try:
                await asyncio.sleep(storm.get("startDelayMs", 0) / 1000)
                if strategy == "basic":
                    await async_basic.acreate_message_with_retry(client, **params)
                elif strategy == "circuit-breaker":
                    assert breaker is not None
                    await async_circuit_breaker.acreate_message_with_retry(client, breaker, **params)
                else:
                    await client.messages.create(**params)
            except Exception:  # a failed caller has no completion time
                return None
            return (time.monotonic() - started) * 1000

        return {"completions": list(await asyncio.gather(*(caller() for _ in range(storm["callers"]))))}


def run_command(command: Json) -> Json:
    flavor = command["flavor"]
    action = command["action"]
    if flavor == "sync" and action == "call":
        result = sync_call(command)
    elif flavor == "sync" and action == "breaker":
        result = sync_breaker(command)
    elif flavor == "async" and action == "call":
        result = asyncio.run(async_call(command))
    elif flavor == "async" and action == "breaker":
        result = asyncio.run(async_breaker(command))
    elif flavor == "sync" and action == "limiter":
        result = sync_limiter(command)
    elif flavor == "async" and action == "limiter":
        result = asyncio.run(async_limiter(command))
    elif flavor == "sync" and action == "storm":
        result = storm_sync(command)
    elif flavor == "async" and action == "storm":
        result = asyncio.run(storm_async(command))
    else:
        raise ValueError(f"unknown command {flavor} {action}")
    return {"case": command.get("case"), **result}


def main() -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            result = run_command(json.loads(line))
        except Exception as error:  # a broken command must not end the session silently
            result = {"outcome": "driver_error", "error": describe_error(error)}
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
