#!/usr/bin/env python3
"""The hand judge: an OpenAI-compatible Chat Completions server on 127.0.0.1 that answers Proctor's judge prompt
with verdicts written by hand in verdicts.jsonl.

No model runs here. The only model installable on Proctor's machines is a small base model that cannot judge, so
the shipped judge answers (fixtures/judge/hand-judge/) are written by a person, criterion by criterion, and
recorded through the same path a real judge's answers take: `proctor ... --judge-model hand-judge
--judge-base-url http://127.0.0.1:PORT/v1 --record` (scripts/record-hand-judge does it).

For each request the server reads the judge prompt (Sources/ProctorCore/Judge/JudgePrompt.swift): the numbered
criteria after "Criteria:", which name the case (cases.json holds each case's criteria, as in
suites/explain.yaml), and the explanation between the lines <<<EXPLANATION-tag and EXPLANATION-tag>>>. It answers the JSON
object the prompt asks for from the verdict written for that case and that exact explanation. Anything it has no
verdict for (another explanation, changed criteria, a malformed request) is an HTTP 400 whose message says what
to write, so a recording fails loudly instead of inventing a verdict.

    python3 scripts/hand-judge/server.py [--port N] [--port-file FILE]

Standard library only. The port is 0 (any free port) unless given; it is printed, and written to --port-file.
"""

import argparse
import re
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))


class NoVerdict(Exception):
    """A request the hand judge cannot answer: HTTP 400 with this message."""


def load(directory):
    """The cases (criteria tuple -> case id) and the verdicts ((case, explanation) -> criteria entries)."""
    with open(os.path.join(directory, "cases.json"), encoding="utf-8") as handle:
        cases = json.load(handle)["cases"]
    by_criteria = {tuple(criteria): case for case, criteria in cases.items()}
    verdicts = {}
    with open(os.path.join(directory, "verdicts.jsonl"), encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            entry = json.loads(line)
            case, explanation, judged = entry["case"], entry["explanation"], entry["criteria"]
            where = f"verdicts.jsonl:{number}"
            if case not in cases:
                sys.exit(f"{where}: case {case!r} is not in cases.json")
            if len(judged) != len(cases[case]):
                sys.exit(f"{where}: {len(judged)} criteria judged, {case} has {len(cases[case])}")
            if any(not isinstance(c.get("met"), bool) or not c.get("reason") for c in judged):
                sys.exit(f"{where}: every criterion needs \"met\" (true or false) and a \"reason\"")
            if (case, explanation) in verdicts:
                sys.exit(f"{where}: a second verdict for the same explanation of {case}")
            verdicts[(case, explanation)] = judged
    return by_criteria, verdicts


def parse_prompt(message):
    """The numbered criteria and the explanation of one judge prompt."""
    start = message.find("\nCriteria:\n")
    if start < 0:
        raise NoVerdict("not Proctor's judge prompt: no 'Criteria:' list")
    criteria = []
    for line in message[start + len("\nCriteria:\n"):].split("\n"):
        number, dot, text = line.partition(". ")
        if not dot or not number.isdigit():
            break
        if int(number) != len(criteria) + 1:
            raise NoVerdict(f"criterion {number} out of order")
        criteria.append(text)
    # The markers carry a tag (the start of the explanation's SHA-256), the opening one on a line of its own.
    found = re.search(r"\n<<<EXPLANATION-([0-9a-f]{12})\n", message)
    if not criteria or not found:
        raise NoVerdict("not Proctor's judge prompt: no criteria, or no <<<EXPLANATION-tag ... EXPLANATION-tag>>> block")
    begin = found.end()
    end = message.find("\nEXPLANATION-" + found.group(1) + ">>>", begin - 1)
    if end < begin - 1:
        raise NoVerdict("not Proctor's judge prompt: the explanation block is not closed")
    return criteria, message[begin:end] if end >= begin else ""


def answer(message, by_criteria, verdicts):
    """The judge's answer text: one JSON object, as the prompt asks."""
    criteria, explanation = parse_prompt(message)
    case = by_criteria.get(tuple(criteria))
    if case is None:
        raise NoVerdict(
            "these criteria are not those of any case in scripts/hand-judge/cases.json: copy them from the suite, "
            "then review every verdict of that case in verdicts.jsonl: " + json.dumps(criteria))
    judged = verdicts.get((case, explanation))
    if judged is None:
        raise NoVerdict(
            f"no hand-written verdict for this explanation of {case}: add a line to scripts/hand-judge/verdicts.jsonl "
            "with {\"case\": " + json.dumps(case) + ", \"explanation\": " + json.dumps(explanation, ensure_ascii=False)
            + ", \"criteria\": [{\"met\": true or false, \"reason\": \"one sentence\"}, ...]}")
    entries = [{"criterion": index + 1, "met": c["met"], "reason": c["reason"]} for index, c in enumerate(judged)]
    verdict = "pass" if all(c["met"] for c in judged) else "fail"
    return json.dumps({"verdict": verdict, "criteria": entries}, ensure_ascii=False)


class Handler(BaseHTTPRequestHandler):
    by_criteria = {}
    verdicts = {}

    def do_POST(self):
        if self.path.rstrip("/") not in ("/v1/chat/completions", "/chat/completions"):
            return self.send(404, {"error": {"message": f"no such endpoint: {self.path}; use /v1/chat/completions"}})
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"null")
            messages = body.get("messages") if isinstance(body, dict) else None
            if not isinstance(messages, list) or len(messages) != 1 or messages[0].get("role") != "user":
                raise NoVerdict("the judge is asked in exactly one user message")
            text = answer(messages[0].get("content") or "", self.by_criteria, self.verdicts)
        except NoVerdict as problem:
            sys.stderr.write(f"hand-judge: 400: {problem}\n")
            return self.send(400, {"error": {"message": f"hand-judge: {problem}", "type": "invalid_request_error"}})
        except (ValueError, AttributeError) as problem:
            return self.send(400, {"error": {"message": f"hand-judge: malformed request: {problem}"}})
        self.send(200, {
            "id": f"hand-judge-{time.time_ns()}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "hand-judge"),
            # No token counts: no model ran.
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        })

    def send(self, status, payload):
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description="Proctor's hand judge: hand-written verdicts over /v1/chat/completions.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--port-file", help="write the port chosen to this file once listening")
    parser.add_argument("--verdicts", default=HERE, help="folder of cases.json and verdicts.jsonl")
    arguments = parser.parse_args()
    Handler.by_criteria, Handler.verdicts = load(arguments.verdicts)
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), Handler)
    port = server.server_address[1]
    if arguments.port_file:
        temporary = arguments.port_file + ".tmp"
        with open(temporary, "w") as handle:
            handle.write(f"{port}\n")
        os.replace(temporary, arguments.port_file)
    print(f"hand-judge: {len(Handler.verdicts)} verdicts, listening on http://127.0.0.1:{port}/v1", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
