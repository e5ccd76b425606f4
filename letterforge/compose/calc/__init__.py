"""Calculators: one module per rule, pure functions on Decimal with their steps.

Every calculator reads dated norms from a `NormTable` (letterforge.compose.norms),
rounds with the one rule in `money`, and returns a frozen result holding the amount,
the steps that explain it (`stappen`) and the warnings for unverified norm values
(`waarschuwingen`). `contract` exposes them by name for the CLI and the API.
"""
