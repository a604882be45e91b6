"""Schemathesis hooks for `npm run test:fuzz` (scripts/fuzz.ts).

Roles take turns (the short form): one schemathesis run instead of one per role: every generated
request takes the next turn among the demo roles' tokens and no token at all, so each operation is sent
both where it is allowed and where it must be refused, at the cost of a single start-up. The tokens come
from the environment as JSON ({"anonymous": null, "hr": "<jwt>", ...}); nothing here talks to the API.

Hostile bodies (every form): schemathesis generates bodies from the schema, so it never sends JSON nested
deeper than the schema or strings with broken UTF-16. Every other call of an operation that takes a JSON
body sends, in turn, one of HOSTILE below instead: a body nested 2,000 levels (it once overflowed
class-transformer's recursion into a 500), lone and split surrogates in a string field (PostgreSQL
refuses them in text and jsonb: a 500 unless validation refuses first), and their invalid UTF-8
encodings. Each must be a 4xx; the not_a_server_error check fails the run otherwise. How many of each
were sent is written to CUSTODIAN_FUZZ_HOSTILE_LOG for the run's summary.
"""
import atexit
import collections
import itertools
import json
import os

import schemathesis

_TOKENS = os.environ.get("CUSTODIAN_FUZZ_TOKENS")

if _TOKENS:
    _TURNS = itertools.cycle(sorted(json.loads(_TOKENS).items()))

    @schemathesis.auth(refresh_interval=None)
    class RolesTakeTurns:
        def get(self, case, ctx):
            # Any non-None value: set() decides per request.
            return "turns"

        def set(self, case, data, ctx):
            _who, token = next(_TURNS)
            if token:
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


def _with_text(body, text):
    """The generated body with its first string field (or a new field `note`) set to `text`, as JSON bytes.

    json.dumps escapes a lone surrogate as \\udXXX, which is valid JSON text that decodes to broken UTF-16.
    """
    body = dict(body)
    field = next((k for k, v in body.items() if isinstance(v, str)), "note")
    body[field] = text
    return json.dumps(body).encode()


def _nested(depth):
    return b'{"a":' * depth + b"1" + b"}" * depth


HOSTILE = {
    "array nested 2,000 levels": lambda body: b"[" * 2000 + b"]" * 2000,
    "object nested 2,000 levels": lambda body: _nested(2000),
    "field nested 40 levels": lambda body: json.dumps({**body, "note": None}).encode().replace(b'"note": null', b'"note": ' + _nested(40)),
    "lone high surrogate": lambda body: _with_text(body, "x\ud83d"),
    "lone low surrogate": lambda body: _with_text(body, "\ude00x"),
    "split surrogate pair": lambda body: _with_text(body, "\ud83d x \ude00"),
    "reversed surrogate pair": lambda body: _with_text(body, "\ude00\ud83d"),
    "surrogate as UTF-8 bytes": lambda body: b'{"note":"\xed\xa0\xbd\xed\xb8\x80"}',
}
_CALLS = collections.Counter()
_SENT = collections.Counter()
_VARIANTS = {}


@schemathesis.hook
def before_call(context, case, kwargs):
    if not isinstance(case.body, dict) or "json" not in (case.media_type or ""):
        return
    op = f"{case.method} {case.path}"
    _CALLS[op] += 1
    if _CALLS[op] % 2:
        return
    turns = _VARIANTS.setdefault(op, itertools.cycle(HOSTILE.items()))
    name, make = next(turns)
    case.body = make(case.body)
    _SENT[name] += 1


@atexit.register
def _report():
    path = os.environ.get("CUSTODIAN_FUZZ_HOSTILE_LOG")
    if path:
        with open(path, "w") as f:
            json.dump({"operations": len(_VARIANTS), "sent": dict(_SENT)}, f)
