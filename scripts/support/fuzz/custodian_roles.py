"""Schemathesis hooks for `npm run test:fuzz -- --short` (scripts/fuzz.ts).

One schemathesis run instead of one per role: every generated request takes the next turn among the
demo roles' tokens and no token at all, so each operation is sent both where it is allowed and where
it must be refused, at the cost of a single start-up. The tokens come from the environment as JSON
({"anonymous": null, "hr": "<jwt>", ...}); nothing here talks to the API.
"""
import itertools
import json
import os

import schemathesis

_TURNS = itertools.cycle(sorted(json.loads(os.environ["CUSTODIAN_FUZZ_TOKENS"]).items()))


@schemathesis.auth(refresh_interval=None)
class RolesTakeTurns:
    def get(self, case, ctx):
        # Any non-None value: set() decides per request.
        return "turns"

    def set(self, case, data, ctx):
        _who, token = next(_TURNS)
        if token:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}
