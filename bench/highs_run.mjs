// highs_run.mjs: solve one CPLEX LP file with HiGHS (the npm package `highs`,
// HiGHS compiled to WebAssembly) and print what bench/parsers.py reads.
//
//   node bench/highs_run.mjs FILE.lp TIME_LIMIT_SECONDS
//
// Prints `highs_run: KEY: VALUE` lines: version, first_feasible (seconds since
// this process started, and the objective then), status, objective, bound
// (HiGHS's mip_dual_bound), gap, time. Exits 0 when HiGHS ran to a status,
// 1 when it could not (unreadable file, out of memory, a native error), with
// `highs_run: error: ...` saying why. Seconds are wall time from process start
// so they compare with the other peers, which are timed from launch.
import { readFileSync } from "node:fs";
import loadHighs from "highs";

function say(key, value) {
  process.stdout.write(`highs_run: ${key}: ${value}\n`);
}

function fail(message) {
  say("error", String(message).replace(/\s+/g, " ").trim());
  say("time", process.uptime().toFixed(3));
  process.exit(1);
}

function infoOr(model, name, fallback) {
  try {
    const v = model.info.get(name);
    return typeof v === "bigint" ? Number(v) : v;
  } catch {
    return fallback;
  }
}

async function main() {
  const [file, limitArg] = process.argv.slice(2);
  const limit = Number(limitArg);
  if (!file || !(limit > 0)) fail("usage: node highs_run.mjs FILE.lp TIME_LIMIT_SECONDS");
  const pkg = JSON.parse(readFileSync(new URL("./node_modules/highs/package.json", import.meta.url), "utf8"));

  let text;
  try {
    text = readFileSync(file); // bytes, not a string: no 512 MB string limit
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
  // Native messages are kept, not shown: they explain a file HiGHS rejects.
  const native = [];
  const keep = (m) => { native.push(m); if (native.length > 20) native.shift(); };
  const highs = await loadHighs({ print: keep, printErr: keep });
  say("version", `${pkg.version} (HiGHS ${highs.version?.string ?? "unknown"})`);
  let model;
  try {
    model = highs.createModel({ format: "lp", data: text });
  } catch (e) {
    fail(`cannot load ${file}: ${e.message}`);
  }
  const dims = model.getDimensions();
  if (!(dims.numCols > 0))
    fail(`cannot load ${file}: the LP reader found no columns (${native.slice(-1)[0] ?? "no message"})`);
  say("size", `${dims.numRows} rows, ${dims.numCols} columns`);
  text = undefined; // let the LP text go before the solve needs the memory
  let first = null;
  try {
    model.options.set({ time_limit: limit, mip_rel_gap: 0, output_flag: false });
    const cb = highs.constants.callbackType;
    model.run({
      [cb.mipImprovingSolution](event) {
        if (first === null)
          first = { t: process.uptime(), obj: event.data.mip_primal_bound ?? event.data.objective_function_value };
      },
    });
  } catch (e) {
    fail(`solve failed: ${e.message}`);
  }
  const statusCode = model.getModelStatus();
  const names = Object.fromEntries(Object.entries(highs.constants.modelStatus).map(([k, v]) => [v, k]));
  const hasSolution = infoOr(model, "primal_solution_status", 0) === 2; // 2 = feasible
  if (first) say("first_feasible", `${first.t.toFixed(3)} objective ${first.obj}`);
  say("status", names[statusCode] ?? `code ${statusCode}`);
  say("objective", hasSolution ? model.getObjectiveValue() : "none");
  const bound = infoOr(model, "mip_dual_bound", null);
  if (bound !== null && Number.isFinite(bound)) say("bound", bound);
  else if (statusCode === highs.constants.modelStatus.optimal) say("bound", model.getObjectiveValue());
  const gap = infoOr(model, "mip_gap", null);
  if (gap !== null && Number.isFinite(gap)) say("gap", gap);
  say("time", process.uptime().toFixed(3));
  model.dispose();
}

main().catch((e) => fail(e && e.message ? e.message : e));
