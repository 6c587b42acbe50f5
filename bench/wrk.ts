// A load generator in C (wrk, Debian package `wrk`) for benchmarks on the server's own cores: it needs
// a small part of the CPU a Node.js client needs per request (measured: 24 % of a core at 350
// requests/s), which otherwise is taken from the server under test. Closed loop like the Node.js
// client: each connection sends its next request when the answer has arrived; wrk times each one.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WrkResult {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** Socket errors and answers other than 200. */
  errors: number;
  /** Bytes per answer (headers and body). */
  bytesPerRequest: number;
}

export const wrkInstalled = () => fs.existsSync('/usr/bin/wrk');

// Paths in turn; every answer but 200 counted (per thread, summed at the end); latencies in
// microseconds, printed once as JSON.
const SCRIPT = `
local threads = {}
setup = function(thread) table.insert(threads, thread) end
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local n = 0
wrong = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
response = function(status, headers, body)
  if status ~= 200 then wrong = wrong + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  local notOk = 0
  for _, t in ipairs(threads) do notOk = notOk + t:get("wrong") end
  io.write(string.format('RESULT {"requests":%d,"p50":%.1f,"p95":%.1f,"p99":%.1f,"errors":%d,"bytes":%d}\\n',
    summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout + notOk, summary.bytes))
end
`;

/** `connections` connections on one wrk thread for `seconds`, cycling through `paths` with `headers`. */
export async function wrkLoad(options: {
  port: number;
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<WrkResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-wrk-'));
  try {
    fs.writeFileSync(path.join(dir, 'script.lua'), SCRIPT);
    fs.writeFileSync(path.join(dir, 'paths'), `${options.paths.join('\n')}\n`);
    const args = ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '10s', '-s', path.join(dir, 'script.lua')];
    for (const [name, value] of Object.entries(options.headers)) args.push('-H', `${name}: ${value}`);
    args.push(`http://127.0.0.1:${options.port}`);
    const output = await new Promise<string>((resolve, reject) =>
      execFile('/usr/bin/wrk', args, { env: { ...process.env, WRK_PATHS: path.join(dir, 'paths') } }, (error, stdout, stderr) =>
        error ? reject(new Error(`wrk: ${error.message} ${stderr}`)) : resolve(stdout),
      ),
    );
    const line = output.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`wrk printed no result: ${output}`);
    const r = JSON.parse(line.slice(7)) as { requests: number; p50: number; p95: number; p99: number; errors: number; bytes: number };
    return { requests: r.requests, p50: r.p50, p95: r.p95, p99: r.p99, errors: r.errors, bytesPerRequest: Math.round(r.bytes / Math.max(1, r.requests)) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
