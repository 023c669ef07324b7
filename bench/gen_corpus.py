#!/usr/bin/env python3
"""Writes a deterministic corpus of realistic application code for the benchmark.

Usage: gen_corpus.py OUT_DIR [--mb 100] [--shards 4] [--seed 7]

The corpus mixes Python (Django/Flask-style views, models, services), JavaScript and TypeScript
(Express handlers, React components, utilities) and Rust (axum handlers, domain code). About a
third of the files are health code that touches patient records (a few of them log PHI, most log
opaque ids); the rest is ordinary application code with no PHI vocabulary, as in a real monorepo.
The same seed always writes byte-identical files. Shards let the benchmark time 1/4, 1/2 and all
of the corpus to show scaling.
"""
import argparse
import os
import random

WORDS = ["order", "invoice", "cart", "widget", "report", "session", "metric", "channel", "ticket",
         "project", "account", "upload", "queue", "cache", "config", "feature", "layout", "search",
         "inventory", "shipment", "profile", "comment", "thread", "message", "event", "schedule"]
HEALTH = ["patient", "encounter", "observation", "medication", "allergy", "lab_result", "claim", "visit"]
FIELDS = ["id", "status", "created_at", "updated_at", "owner_id", "count", "total", "label", "kind"]
PHI_FIELDS = ["ssn", "date_of_birth", "first_name", "last_name", "mrn", "phone_number", "email", "diagnosis"]


def camel(s):
    parts = s.split("_")
    return parts[0] + "".join(p.title() for p in parts[1:])


def pascal(s):
    return "".join(p.title() for p in s.split("_"))


def py_file(rng, health):
    noun = rng.choice(HEALTH if health else WORDS)
    out = ["import logging", "from dataclasses import dataclass", "", "log = logging.getLogger(__name__)", ""]
    fields = FIELDS + (PHI_FIELDS if health else [])
    out += ["@dataclass", f"class {pascal(noun)}:"] + [f"    {f}: str = ''" for f in rng.sample(fields, 6)] + [""]
    for i in range(rng.randint(8, 16)):
        fn = f"{rng.choice(['load', 'save', 'update', 'render', 'sync', 'validate'])}_{noun}_{i}"
        out.append(f"def {fn}(request, {noun}_id, limit=50):")
        out.append(f"    items = [x for x in range(limit) if x % {rng.randint(2, 9)} == 0]")
        out.append(f"    {noun} = repository.get({noun}_id)")
        out.append(f"    log.info(\"{fn} handled %s items for %s\", len(items), {noun}_id)")
        if health and rng.random() < 0.15:
            out.append(f"    log.warning(\"lookup failed for %s\", {noun}.{rng.choice(PHI_FIELDS)})")
        out.append(f"    total = sum(items) * {rng.randint(1, 99)}")
        out.append("    if total > 1000:")
        out.append(f"        return {{\"status\": \"ok\", \"total\": total, \"id\": {noun}_id}}")
        out.append(f"    return {{\"status\": \"empty\", \"items\": items[:{rng.randint(1, 9)}]}}")
        out.append("")
    return "\n".join(out) + "\n"


def ts_file(rng, health, tsx):
    noun = rng.choice(HEALTH if health else WORDS)
    n = camel(noun)
    out = ["import { logger } from './logger';", "", f"export interface {pascal(noun)} {{"]
    fields = FIELDS + (PHI_FIELDS if health else [])
    out += [f"  {camel(f)}: string;" for f in rng.sample(fields, 6)] + ["}", ""]
    for i in range(rng.randint(8, 16)):
        fn = f"{rng.choice(['load', 'save', 'update', 'render', 'sync'])}{pascal(noun)}{i}"
        out.append(f"export async function {fn}(req: Request, {n}Id: string): Promise<unknown> {{")
        out.append(f"  const rows = await db.query('select * from {noun} where id = $1', [{n}Id]);")
        out.append(f"  const {n} = rows[0] as {pascal(noun)};")
        out.append(f"  logger.info({{ {n}Id, count: rows.length }}, '{fn} done');")
        if health and rng.random() < 0.15:
            out.append(f"  console.log(`failed for ${{{n}.{camel(rng.choice(PHI_FIELDS))}}}`);")
        out.append(f"  const total = rows.reduce((a: number, r: any) => a + r.{camel(rng.choice(FIELDS))}.length, 0);")
        out.append(f"  return {{ status: total > {rng.randint(1, 500)} ? 'ok' : 'empty', total }};")
        out.append("}")
        out.append("")
    if tsx:
        out.append(f"export function {pascal(noun)}Card(props: {{ item: {pascal(noun)} }}) {{")
        out.append(f"  return <div className=\"card\"><span>{{props.item.{camel(FIELDS[0])}}}</span></div>;")
        out.append("}")
    return "\n".join(out) + "\n"


def js_file(rng, health):
    noun = rng.choice(HEALTH if health else WORDS)
    n = camel(noun)
    out = ["const express = require('express');", "const pino = require('pino');", "const log = pino();",
           "const router = express.Router();", ""]
    for i in range(rng.randint(8, 16)):
        out.append(f"router.get('/{noun}s/:id/{i}', async (req, res) => {{")
        out.append(f"  const {n} = await store.find{pascal(noun)}(req.params.id);")
        out.append(f"  log.info({{ id: req.params.id }}, 'fetched {noun}');")
        if health and rng.random() < 0.15:
            out.append(f"  log.warn(`bad record ${{{n}.{camel(rng.choice(PHI_FIELDS))}}}`);")
        out.append(f"  const items = [...Array({rng.randint(3, 40)}).keys()].filter((x) => x % 3 === 0);")
        out.append(f"  res.json({{ id: {n}.id, items, status: items.length > 5 ? 'many' : 'few' }});")
        out.append("});")
        out.append("")
    out.append("module.exports = router;")
    return "\n".join(out) + "\n"


def rs_file(rng, health):
    noun = rng.choice(HEALTH if health else WORDS)
    ty = pascal(noun)
    fields = FIELDS + (PHI_FIELDS if health else [])
    out = ["use tracing::info;", "", "#[derive(Debug, Clone)]", f"pub struct {ty} {{"]
    out += [f"    pub {f}: String," for f in rng.sample(fields, 6)] + ["}", ""]
    for i in range(rng.randint(8, 16)):
        out.append(f"pub async fn handle_{noun}_{i}(id: u64, store: &Store) -> Result<usize, Error> {{")
        out.append(f"    let rows: Vec<u64> = (0..{rng.randint(10, 90)}).filter(|x| x % 3 == 0).collect();")
        out.append(f"    let {noun} = store.get_{noun}(id).await?;")
        out.append(f"    info!(id, count = rows.len(), \"handled {noun}\");")
        if health and rng.random() < 0.15:
            out.append(f"    info!(\"lookup failed for {{}}\", {noun}.{rng.choice(PHI_FIELDS)});")
        out.append(f"    Ok(rows.iter().map(|r| *r as usize).sum::<usize>() + {rng.randint(1, 9)})")
        out.append("}")
        out.append("")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    per_shard = args.mb * 1024 * 1024 // args.shards
    for shard in range(args.shards):
        written = 0
        i = 0
        while written < per_shard:
            health = rng.random() < 0.33
            kind = rng.choices(["py", "js", "ts", "tsx", "rs"], weights=[35, 20, 25, 10, 10])[0]
            if kind == "py":
                text = py_file(rng, health)
            elif kind == "js":
                text = js_file(rng, health)
            elif kind in ("ts", "tsx"):
                text = ts_file(rng, health, kind == "tsx")
            else:
                text = rs_file(rng, health)
            d = os.path.join(args.out, f"shard{shard}", f"pkg{i // 200:03d}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"m{i:05d}.{kind}"), "w") as f:
                f.write(text)
            written += len(text)
            i += 1
    print(f"wrote {args.mb} MB in {args.shards} shards under {args.out}")


if __name__ == "__main__":
    main()
