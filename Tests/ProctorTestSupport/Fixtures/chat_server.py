#!/usr/bin/env python3
"""A scripted stand-in for an OpenAI Chat Completions endpoint.

Used by the ProctorProviders test suite. Standard library only.

Usage:
    python3 chat_server.py [--port 0] [--no-stdin-watch]

Binds 127.0.0.1 (port 0 picks any free port), prints exactly one line
``listening PORT`` to stdout, then serves until killed or until its stdin
reaches end of file (so a crashed test never leaves it running). Pass
``--no-stdin-watch`` to keep it alive when run by hand with stdin closed.

Endpoints:
    POST /v1/chat/completions  records the request, then performs the next
                               queued behaviour (default ``ok``).
    POST /control              configures the server (see below); 200 {"ok": true}.
    GET  /requests             the recorded chat requests, in arrival order:
                               [{"path", "headers", "body"}].
    GET  /health               200 {"ok": true}.
    anything else              404 JSON error (405 for a known path with the
                               wrong method).

Behaviours (each queued entry is consumed by one chat request):
    ok                  200 chat.completion.
    status:CODE         CODE with an OpenAI-style error body.
    retry-after:SECS    429 with ``Retry-After: SECS`` and an error body.
    slow:SECS           sleep SECS (float), then ``ok``.
    malformed           200 application/json whose body is not JSON.
    drop                close the connection without any response.

Control keys (any combination, in one JSON object):
    {"queue": ["status:500", "ok", ...]}   replaces the behaviour queue
    {"answers": {"substring": "answer"}}   replaces the canned answers
    {"served_model": "name"}               model name reported back (null clears)
    {"keep_alive": true}                   allow persistent connections
    {"reset": true}                        clears everything above, the recorded
                                           requests and the completion counter;
                                           applied before the other keys.

Connections are closed after every response (``Connection: close``) unless
keep_alive is on. With a persistent connection, an HTTP client that sees a
reused connection closed with no response (``drop``) may silently resend the
request, which would consume an extra queued behaviour; closing every
connection keeps ``drop`` deterministic.

An ``ok`` answer is the first configured answer (in the order given) whose
key is a substring of the last user message's content, otherwise
``echo: `` followed by that content. prompt_tokens counts the
whitespace-separated words across all message contents; completion_tokens
counts the words of the answer. ``created`` is a fixed timestamp and ids are
``chatcmpl-1``, ``chatcmpl-2``, ... so responses are deterministic.
"""

import argparse
import json
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

CHAT_PATH = "/v1/chat/completions"
CREATED = 1767225600  # 2026-01-01T00:00:00Z, fixed for determinism.
MODEL_SUFFIX = "-2026-01-01"

ERRORS = {
    400: ("Invalid request", "invalid_request_error", "invalid_request"),
    401: ("Incorrect API key provided", "invalid_request_error", "invalid_api_key"),
    403: ("You are not allowed to access this resource", "invalid_request_error", "forbidden"),
    404: ("The model does not exist", "invalid_request_error", "model_not_found"),
    408: ("Request timed out", "server_error", "timeout"),
    409: ("Conflict", "invalid_request_error", "conflict"),
    422: ("Unprocessable request", "invalid_request_error", "unprocessable_entity"),
    429: ("Rate limit reached for requests", "requests", "rate_limit_exceeded"),
    500: ("The server had an error while processing your request", "server_error", "internal_error"),
    502: ("Bad gateway", "server_error", "bad_gateway"),
    503: ("The engine is currently overloaded, please try again later", "server_error", "overloaded"),
    504: ("Gateway timeout", "server_error", "gateway_timeout"),
}


class BehaviourError(ValueError):
    pass


def parse_behaviour(text):
    """Validates a behaviour string and returns (kind, argument)."""
    if not isinstance(text, str):
        raise BehaviourError("behaviour must be a string: %r" % (text,))
    if text in ("ok", "malformed", "drop"):
        return text, None
    kind, sep, arg = text.partition(":")
    if not sep:
        raise BehaviourError("unknown behaviour: %r" % text)
    if kind == "status":
        try:
            code = int(arg)
        except ValueError:
            raise BehaviourError("bad status code in %r" % text)
        if not 200 <= code <= 599:
            raise BehaviourError("status code out of range in %r" % text)
        return kind, code
    if kind == "retry-after":
        arg = arg.strip()
        try:
            if float(arg) < 0:
                raise ValueError
        except ValueError:
            raise BehaviourError("bad seconds in %r" % text)
        return kind, arg
    if kind == "slow":
        try:
            seconds = float(arg)
        except ValueError:
            raise BehaviourError("bad seconds in %r" % text)
        if not 0 <= seconds < 3600:
            raise BehaviourError("seconds out of range in %r" % text)
        return kind, seconds
    raise BehaviourError("unknown behaviour: %r" % text)


def content_text(content):
    """The text of a message's content: a string, or a list of content parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = []
        for part in content:
            if isinstance(part, str):
                texts.append(part)
            elif isinstance(part, dict) and isinstance(part.get("text"), str):
                texts.append(part["text"])
        return " ".join(texts)
    return str(content)


def word_count(text):
    return len(text.split())


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        # Caller holds the lock (or is the constructor).
        self.queue = []
        self.answers = []  # [(substring, answer)] in configured order
        self.served_model = None
        self.keep_alive = False
        self.requests = []
        self.counter = 0


STATE = State()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "ProctorChatFixture/1.0"

    def log_message(self, format, *args):  # noqa: A002 - signature is inherited
        pass

    # ------------------------------------------------------------------ I/O

    def read_body(self):
        """Reads the request body (Content-Length or chunked); returns bytes."""
        encoding = (self.headers.get("Transfer-Encoding") or "").lower()
        if "chunked" in encoding:
            chunks = []
            while True:
                line = self.rfile.readline(65537)
                if not line:
                    break
                size = int(line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    # Trailer section, ending with an empty line.
                    while True:
                        trailer = self.rfile.readline(65537)
                        if not trailer or trailer in (b"\r\n", b"\n"):
                            break
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline(65537)  # CRLF after the chunk
            return b"".join(chunks)
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        try:
            n = int(length)
        except ValueError:
            return b""
        return self.rfile.read(n) if n > 0 else b""

    def keep_alive(self):
        with STATE.lock:
            return STATE.keep_alive

    def send_raw(self, status, body, content_type="application/json", extra_headers=()):
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in extra_headers:
                self.send_header(name, value)
            if status < 200 or status in (204, 304):
                body = b""
            else:
                self.send_header("Content-Length", str(len(body)))
            if not self.keep_alive():
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if body:
                self.wfile.write(body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout):
            self.close_connection = True

    def send_json(self, status, obj, extra_headers=()):
        body = json.dumps(obj).encode("utf-8")
        self.send_raw(status, body, extra_headers=extra_headers)

    def send_error_json(self, status, message=None, type_=None, code=None, extra_headers=()):
        d_message, d_type, d_code = ERRORS.get(
            status, ("Request failed with status %d" % status,
                     "server_error" if status >= 500 else "invalid_request_error",
                     "http_%d" % status))
        error = {
            "message": message if message is not None else d_message,
            "type": type_ if type_ is not None else d_type,
            "param": None,
            "code": code if code is not None else d_code,
        }
        self.send_json(status, {"error": error}, extra_headers=extra_headers)

    def drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # ------------------------------------------------------------- routing

    def route(self):
        return urlsplit(self.path).path

    def do_GET(self):
        path = self.route()
        if path == "/health":
            self.send_json(200, {"ok": True})
        elif path == "/requests":
            with STATE.lock:
                body = json.dumps(STATE.requests).encode("utf-8")
            self.send_raw(200, body)
        elif path in (CHAT_PATH, "/control"):
            self.send_error_json(405, "Method not allowed", code="method_not_allowed",
                                 extra_headers=[("Allow", "POST")])
        else:
            self.send_error_json(404, "Unknown path: %s" % path, code="unknown_url")

    def do_POST(self):
        path = self.route()
        body = self.read_body()
        if path == CHAT_PATH:
            self.chat(body)
        elif path == "/control":
            self.control(body)
        elif path in ("/health", "/requests"):
            self.send_error_json(405, "Method not allowed", code="method_not_allowed",
                                 extra_headers=[("Allow", "GET")])
        else:
            self.send_error_json(404, "Unknown path: %s" % path, code="unknown_url")

    def other_method(self):
        self.read_body()
        path = self.route()
        if path in (CHAT_PATH, "/control", "/health", "/requests"):
            allow = "POST" if path in (CHAT_PATH, "/control") else "GET"
            self.send_error_json(405, "Method not allowed", code="method_not_allowed",
                                 extra_headers=[("Allow", allow)])
        else:
            self.send_error_json(404, "Unknown path: %s" % path, code="unknown_url")

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = other_method

    # ------------------------------------------------------------- control

    def control(self, raw):
        try:
            payload = json.loads(raw.decode("utf-8")) if raw else {}
        except (ValueError, UnicodeDecodeError):
            self.send_error_json(400, "Control body is not JSON")
            return
        if not isinstance(payload, dict):
            self.send_error_json(400, "Control body must be a JSON object")
            return
        try:
            queue = None
            if "queue" in payload:
                if not isinstance(payload["queue"], list):
                    raise BehaviourError("queue must be a list")
                queue = list(payload["queue"])
                for item in queue:
                    parse_behaviour(item)
            answers = None
            if "answers" in payload:
                given = payload["answers"]
                if given is None:
                    answers = []
                elif isinstance(given, dict):
                    answers = [(str(k), content_text(v)) for k, v in given.items()]
                else:
                    raise BehaviourError("answers must be an object")
            if "served_model" in payload and not isinstance(payload["served_model"], (str, type(None))):
                raise BehaviourError("served_model must be a string or null")
        except BehaviourError as error:
            self.send_error_json(400, str(error))
            return
        with STATE.lock:
            if payload.get("reset"):
                STATE.reset()
            if queue is not None:
                STATE.queue = queue
            if answers is not None:
                STATE.answers = answers
            if "served_model" in payload:
                STATE.served_model = payload["served_model"]
            if "keep_alive" in payload:
                STATE.keep_alive = bool(payload["keep_alive"])
        self.send_json(200, {"ok": True})

    # ---------------------------------------------------------------- chat

    def chat(self, raw):
        text = raw.decode("utf-8", errors="replace")
        try:
            body = json.loads(text)
        except ValueError:
            body = text
        headers = {}
        for name, value in self.headers.items():
            key = name.lower()
            headers[key] = headers[key] + ", " + value if key in headers else value
        with STATE.lock:
            STATE.requests.append({"path": self.path, "headers": headers, "body": body})
            behaviour = STATE.queue.pop(0) if STATE.queue else "ok"
        kind, arg = parse_behaviour(behaviour)  # validated when queued

        if kind == "drop":
            self.drop()
        elif kind == "malformed":
            self.send_raw(200, b'{"choices": [')
        elif kind == "status":
            if arg == 200:
                self.respond_ok(body)
            else:
                self.send_error_json(arg)
        elif kind == "retry-after":
            self.send_error_json(429, extra_headers=[("Retry-After", arg)])
        else:
            if kind == "slow":
                time.sleep(arg)
            self.respond_ok(body)

    def respond_ok(self, body):
        if not isinstance(body, dict):
            self.send_error_json(400, "We could not parse the JSON body of your request.",
                                 code="invalid_json")
            return
        messages = body.get("messages")
        if not isinstance(messages, list):
            self.send_error_json(400, "'messages' is a required property", code="missing_messages")
            return
        model = body.get("model")
        model = model if isinstance(model, str) else ""

        prompt_tokens = 0
        last_user = ""
        for message in messages:
            if not isinstance(message, dict):
                continue
            content = content_text(message.get("content"))
            prompt_tokens += word_count(content)
            if message.get("role") == "user":
                last_user = content

        with STATE.lock:
            STATE.counter += 1
            counter = STATE.counter
            served = STATE.served_model
            answers = list(STATE.answers)
        answer = None
        for key, value in answers:
            if key in last_user:
                answer = value
                break
        if answer is None:
            answer = "echo: " + last_user
        completion_tokens = word_count(answer)

        self.send_json(200, {
            "id": "chatcmpl-%d" % counter,
            "object": "chat.completion",
            "created": CREATED,
            "model": served if served is not None else model + MODEL_SUFFIX,
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": answer},
                "finish_reason": "stop",
            }],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        })


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, socket.timeout)):
            return
        # One short line: a test that never drains stderr must not fill the pipe.
        try:
            sys.stderr.write("chat_server: %s: %s\n" % (type(error).__name__, error))
            sys.stderr.flush()
        except Exception:
            pass


def watch_stdin():
    try:
        while True:
            chunk = sys.stdin.buffer.read1(4096) if hasattr(sys.stdin.buffer, "read1") \
                else sys.stdin.buffer.read(1)
            if not chunk:
                break
    except Exception:
        pass
    os._exit(0)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-stdin-watch", action="store_true",
                        help="do not exit when stdin reaches end of file")
    args = parser.parse_args(argv)

    server = Server(("127.0.0.1", args.port), Handler)
    if not args.no_stdin_watch:
        threading.Thread(target=watch_stdin, name="stdin-watch", daemon=True).start()
    sys.stdout.write("listening %d\n" % server.server_address[1])
    sys.stdout.flush()
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        os._exit(0)


if __name__ == "__main__":
    main()
