#!/usr/bin/env python3
"""Writes a synthetic ledger JSON of N deals among M companies (for the store's scale benchmark
and the kill-mid-import test): `generate-ledger.py DEALS COMPANIES [SEED] > big.json`.
Every deal has a source quote; a fifth of the amounts are unstated, as in real ledgers."""
import json, random, sys

deals, companies = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
kinds = ["equity_investment", "compute_purchase", "chip_purchase", "cloud_contract", "loan", "other"]
statuses = ["talks", "planned", "announced", "closed"]
ledger = {
    "format": "loopledger-ledger", "version": 1, "id": f"synthetic-{deals}", "title": f"Synthetic ledger, {deals} deals",
    "documents": [{"id": "generator", "title": "Scripts/generate-ledger.py"}],
    "companies": [{"id": f"c{i}", "names": {"en": f"Company {i}"}} for i in range(companies)],
    "deals": [],
}
for d in range(deals):
    a = rng.randrange(companies)
    b = rng.randrange(companies - 1)
    b = b + 1 if b >= a else b
    if rng.random() < 0.2:
        amount = {"qualifier": "unstated"}
    else:
        amount = {"qualifier": "exact", "value": rng.randrange(1, 10**6) * 1000, "currency": "USD"}
    ledger["deals"].append({
        "id": f"d{d}", "payer": f"c{a}", "payee": f"c{b}", "kind": rng.choice(kinds), "amount": amount,
        "announced": f"{rng.randrange(2015, 2026)}-{rng.randrange(1, 13):02d}", "status": rng.choice(statuses),
        "sources": [{"document": "generator", "quote": f"row {d}"}],
    })
json.dump(ledger, sys.stdout, indent=1)
