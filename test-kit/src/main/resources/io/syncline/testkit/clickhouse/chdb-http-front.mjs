// chdb-http-front: the part of ClickHouse's HTTP interface that clickhouse-jdbc / client-v2
// use, served from the real ClickHouse SQL engine embedded in the npm package `chdb`.
// The SQL engine is real; only the HTTP transport is emulated: no native TCP port, no HTTP
// sessions, no request decompression; `compress=1` responses are framed but not compressed.
//
//   node chdb-http-front.mjs --port <port> [--host 127.0.0.1] --data <dir>
//
// `chdb` is resolved from the working directory's node_modules or NODE_PATH (an ESM
// `import` would resolve next to this file instead). Prints `READY <port>` once listening.
// Set CHDB_FRONT_LOG=1 to log every request to stderr.
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const args = Object.fromEntries(process.argv.slice(2).map((a, i, all) =>
  a.startsWith('--') ? [a.slice(2), all[i + 1]] : []).filter((e) => e.length));
const port = Number(args.port ?? 8123);
const host = args.host ?? '127.0.0.1';
if (!args.data) { console.error('usage: chdb-http-front.mjs --port N --host H --data DIR'); process.exit(2); }
const log = process.env.CHDB_FRONT_LOG ? (...m) => console.error('[front]', ...m) : () => {};

// The engine takes its server time zone from TZ when it starts: pin UTC so that results do
// not depend on the machine's zone.
process.env.TZ = 'UTC';
const require = createRequire(path.join(process.cwd(), '/'));
const { Session } = require('chdb');
// The public Session methods do not fit HTTP: queryBindAsync re-escapes parameter values
// that HTTP already sends escaped, and queryAsync does not report written rows. So we call
// the addon entry points that Session itself uses, on the session's connection (chdb is
// pinned to 3.4.0 for that reason):
//   QueryAsyncConnection(conn, sql, format[, params]) -> {bytes: Buffer, rowsRead, bytesRead, elapsed}
//   InsertRawAsyncConnection(conn, insertSql, data, countLines) -> {rowsWritten, bytesWritten, elapsed}
// The second is used with empty data only, for its rowsWritten. Data appended to the SQL text
// ends at the first blank line (clickhouse-local's multi-query rule): a 9000-row RowBinary
// batch was cut, without an error, at row 2570, whose id began with bytes "\n\n". So request
// data goes to a temporary file that the engine reads byte-exactly with `FROM INFILE`.
const native = require(path.join(path.dirname(require.resolve('chdb')), 'dist', 'loader.js')).loadNative();
if (typeof native.QueryAsyncConnection !== 'function' || typeof native.InsertRawAsyncConnection !== 'function') {
  throw new Error('this chdb build lacks QueryAsyncConnection/InsertRawAsyncConnection (front is written for chdb 3.4.0)');
}
const dataDir = path.resolve(args.data);
const session = new Session(dataDir);
const conn = session.connection;
const tmpDir = path.join(dataDir, 'front-tmp');
await fs.rm(tmpDir, { recursive: true, force: true });
await fs.mkdir(tmpDir, { recursive: true });
let tmpSeq = 0;

const [engineVersion, timezone] = (await native.QueryAsyncConnection(conn, 'SELECT version(), timezone()', 'TSV'))
  .bytes.toString().trim().split('\t');
// Settings the engine knows. Any other URL parameter is client/transport noise and ignored.
const knownSettings = new Set((await native.QueryAsyncConnection(conn, 'SELECT name FROM system.settings', 'TSV'))
  .bytes.toString().split('\n').filter(Boolean));
// Real settings that must not reach the engine: transport options this front does not
// implement (compression, progress headers), and async_insert: the embedded engine has no
// async insert queue (its default is async_insert=1, yet system.events never counts an async
// insert), so every insert here is synchronous whatever the client asks.
const ignoredSettings = new Set(['enable_http_compression', 'send_progress_in_http_headers',
  'http_headers_progress_interval_ms', 'http_wait_end_of_query', 'wait_end_of_query',
  'async_insert', 'wait_for_async_insert', 'http_response_buffer_size', 'http_zlib_compression_level',
  'http_write_exception_in_output_format', 'http_native_compression_disable_checksumming_on_decompress']);

// One query at a time: the chdb connection has one current database and settings state.
let chain = Promise.resolve();
const serialized = (fn) => (chain = chain.then(fn, fn));
let currentDb = 'default';

const quoteId = (s) => '`' + s.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
const sqlString = (v) => "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";

// Splits a request into SQL and, for INSERT ... FORMAT X, the data that follows. ClickHouse's
// rule: the `query` parameter and the body form one stream, and the data starts after the
// format name and at most one newline. Only the head is decoded (latin1 keeps byte offsets),
// so binary data never passes through a string.
const LEADING_COMMENTS = String.raw`^\s*(?:(?:--[^\n]*\n|/\*[\s\S]*?\*/)\s*)*`;
const INSERT_FORMAT = new RegExp(LEADING_COMMENTS + String.raw`(INSERT\b[^']*?)\bFORMAT\s+(\w+)`, 'i');
function splitRequest(queryParam, body) {
  const stream = queryParam != null && body.length ? Buffer.concat([Buffer.from(queryParam + '\n'), body])
    : queryParam != null ? Buffer.from(queryParam) : body;
  const head = stream.subarray(0, 1 << 20).toString('latin1');
  const m = INSERT_FORMAT.exec(head);
  if (m && !/\b(VALUES|SELECT)\b/i.test(m[1])) {
    let end = m[0].length;
    while (head[end] === ' ' || head[end] === '\t') end++;
    if (head[end] === '\r') end++;
    if (head[end] === '\n') end++;
    const target = Buffer.from(m[1], 'latin1').toString('utf8');
    return { sql: stream.subarray(0, m[0].length).toString('utf8'), insert: { target, format: m[2], data: stream.subarray(end) } };
  }
  const sql = stream.toString('utf8');
  return { sql, insert: new RegExp(LEADING_COMMENTS + 'INSERT\\b', 'i').test(sql) ? {} : null };
}

// Runs an INSERT and returns the rows written. `INSERT <target> FORMAT X` + data becomes
// `INSERT <target> FROM INFILE '<tmp>' COMPRESSION 'none' FORMAT X` (FROM INFILE must come
// before a SETTINGS clause). Inline forms (VALUES, SELECT) run as they are.
async function runInsert(sql, insert) {
  if (insert.data === undefined) return native.InsertRawAsyncConnection(conn, sql.trimEnd(), Buffer.alloc(0), false);
  const file = path.join(tmpDir, `${process.pid}-${++tmpSeq}.data`);
  await fs.writeFile(file, insert.data);
  try {
    const at = /\bSETTINGS\b/i.exec(insert.target)?.index ?? insert.target.length;
    const infileSql = `${insert.target.slice(0, at)} FROM INFILE ${sqlString(file)} COMPRESSION 'none' ` +
      `${insert.target.slice(at)} FORMAT ${insert.format}`;
    return await native.InsertRawAsyncConnection(conn, infileSql, Buffer.alloc(0), false);
  } finally {
    await fs.rm(file, { force: true });
  }
}

const CONTENT_TYPES = { TabSeparated: 'text/tab-separated-values; charset=UTF-8', TSV: 'text/tab-separated-values; charset=UTF-8',
  CSV: 'text/csv; charset=UTF-8', JSON: 'application/json; charset=UTF-8', JSONEachRow: 'application/x-ndjson; charset=UTF-8' };

async function execute(params, headers, body) {
  // client-v2 sends format, database and query id as X-ClickHouse-* headers, which the
  // server honours like the URL parameters of the same meaning (those win).
  for (const [header, param] of [['x-clickhouse-format', 'default_format'], ['x-clickhouse-database', 'database'],
    ['x-clickhouse-query-id', 'query_id']]) {
    if (!params.has(param) && headers[header]) params.set(param, headers[header]);
  }
  const queryId = params.get('query_id') || randomUUID();
  if (['1', 'true'].includes(params.get('decompress')) || (headers['content-encoding'] ?? 'identity') !== 'identity') {
    throw new Error('Code: 48. DB::Exception: chdb-http-front does not decompress request bodies; '
      + 'leave request compression off in the client. (NOT_IMPLEMENTED)');
  }
  const { sql, insert } = splitRequest(params.get('query'), body);
  const defaultFormat = params.get('default_format') || 'TabSeparated';
  // A FORMAT clause at the end of a SELECT wins over default_format, as on a server.
  const format = insert ? defaultFormat : (/\bFORMAT\s+(\w+)\s*;?\s*$/i.exec(sql)?.[1] ?? defaultFormat);
  const settings = [];
  const bind = {};
  for (const [k, v] of params) {
    if (k.startsWith('param_')) bind[k.slice(6)] = v;
    else if (knownSettings.has(k) && !ignoredSettings.has(k)) settings.push([k, v]);
  }
  log(queryId, JSON.stringify(sql.slice(0, 300)), insert?.data ? `data=${insert.data.length}B` : '', settings.length ? JSON.stringify(settings) : '',
    Object.keys(bind).length ? JSON.stringify(bind) : '', 'fmt=' + format);

  return serialized(async () => {
    // Without an HTTP session every request starts in `database` (or default).
    const db = params.get('database') || 'default';
    if (db !== currentDb) { await native.QueryAsyncConnection(conn, `USE ${quoteId(db)}`, 'TSV'); currentDb = db; }
    // URL settings apply to this query only: SET before, back to DEFAULT after.
    if (settings.length) {
      await native.QueryAsyncConnection(conn, 'SET ' + settings.map(([k, v]) => `${k} = ${sqlString(v)}`).join(', '), 'TSV');
    }
    const start = process.hrtime.bigint();
    try {
      if (insert && (insert.data !== undefined || !Object.keys(bind).length)) {
        const r = await runInsert(sql, insert);
        return { queryId, format, bytes: Buffer.alloc(0), summary: { read_rows: r.rowsWritten, read_bytes: insert.data?.length ?? 0,
          written_rows: r.rowsWritten, written_bytes: r.bytesWritten, result_rows: r.rowsWritten, result_bytes: r.bytesWritten }, start };
      }
      const r = Object.keys(bind).length ? await native.QueryAsyncConnection(conn, sql, format, bind)
        : await native.QueryAsyncConnection(conn, sql, format);
      const bytes = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
      // chdb reports the result's rows and bytes, not what was scanned: best available.
      return { queryId, format, bytes, summary: { read_rows: r.rowsRead, read_bytes: r.bytesRead,
        written_rows: 0, written_bytes: 0, result_rows: r.rowsRead, result_bytes: r.bytesRead }, start };
    } finally {
      if (settings.length) {
        await native.QueryAsyncConnection(conn, 'SET ' + settings.map(([k]) => `${k} = DEFAULT`).join(', '), 'TSV').catch(() => {});
      }
      // A USE inside the query itself changes the connection's database: re-check it.
      if (/\bUSE\s/i.test(sql)) {
        const r = await native.QueryAsyncConnection(conn, 'SELECT currentDatabase()', 'TSV').catch(() => null);
        currentDb = r ? r.bytes.toString().trim() : null;
      }
    }
  });
}

// --- compress=1 -----------------------------------------------------------------------------
// client-v2 asks for `compress=1` by default: the response must then be ClickHouse's own block
// framing: [CityHash128 checksum, 16 B][method, 1 B][size incl. 9-byte header, u32][raw size,
// u32][payload]. The driver verifies the checksum but accepts method 0x02 (NONE), so we frame
// without compressing. The checksum is CityHash128 v1.0.2 (the version ClickHouse froze), on
// BigInt: ~60 ms per MiB, fine for test traffic.
const M = (1n << 64n) - 1n;
const k0 = 0xc3a5c85c97cb3127n, k1 = 0xb492b66fbe98f273n, k2 = 0x9ae16a3b2f90404fn, k3 = 0xc949d7c7509e6557n;
const rot = (v, s) => (s === 0n ? v : ((v >> s) | (v << (64n - s))) & M);
const shiftMix = (v) => v ^ (v >> 47n);
function hashLen16(u, v) {
  const kMul = 0x9ddfea08eb382d69n;
  let a = ((u ^ v) * kMul) & M; a ^= a >> 47n;
  let b = ((v ^ a) * kMul) & M; b ^= b >> 47n;
  return (b * kMul) & M;
}
const f64 = (s, p) => s.readBigUInt64LE(p);
const f32 = (s, p) => BigInt(s.readUInt32LE(p));
function hashLen0to16(s, p, len) {
  const n = BigInt(len);
  if (len > 8) { const a = f64(s, p), b = f64(s, p + len - 8); return hashLen16(a, rot((b + n) & M, n)) ^ b; }
  if (len >= 4) return hashLen16(((f32(s, p) << 3n) + n) & M, f32(s, p + len - 4));
  if (len > 0) {
    const y = BigInt(s[p] + (s[p + (len >> 1)] << 8)), z = BigInt(len + (s[p + len - 1] << 2));
    return (shiftMix(((y * k2) ^ (z * k3)) & M) * k2) & M;
  }
  return k2;
}
function weak32(s, p, a, b) {
  const w = f64(s, p), x = f64(s, p + 8), y = f64(s, p + 16), z = f64(s, p + 24);
  a = (a + w) & M; b = rot((b + a + z) & M, 21n);
  const c = a; a = (a + x + y) & M; b = (b + rot(a, 44n)) & M;
  return [(a + z) & M, (b + c) & M];
}
function cityMurmur(s, p, len, a, b) {
  let c, d, l = len - 16;
  if (l <= 0) {
    a = (shiftMix((a * k1) & M) * k1) & M;
    c = (b * k1 + hashLen0to16(s, p, len)) & M;
    d = shiftMix((a + (len >= 8 ? f64(s, p) : c)) & M);
  } else {
    c = hashLen16((f64(s, p + len - 8) + k1) & M, a);
    d = hashLen16((b + BigInt(len)) & M, (c + f64(s, p + len - 16)) & M);
    a = (a + d) & M;
    do {
      a ^= (shiftMix((f64(s, p) * k1) & M) * k1) & M; a = (a * k1) & M; b ^= a;
      c ^= (shiftMix((f64(s, p + 8) * k1) & M) * k1) & M; c = (c * k1) & M; d ^= c;
      p += 16; l -= 16;
    } while (l > 0);
  }
  a = hashLen16(a, c); b = hashLen16(d, b);
  return [a ^ b, hashLen16(b, a)];
}
function city128Seed(s, p, len, x, y) {
  if (len < 128) return cityMurmur(s, p, len, x, y);
  let z = (BigInt(len) * k1) & M;
  let v = [0n, 0n], w = [0n, 0n];
  v[0] = (rot(y ^ k1, 49n) * k1 + f64(s, p)) & M;
  v[1] = (rot(v[0], 42n) * k1 + f64(s, p + 8)) & M;
  w[0] = (rot((y + z) & M, 35n) * k1 + x) & M;
  w[1] = (rot((x + f64(s, p + 88)) & M, 53n) * k1) & M;
  do {
    for (let half = 0; half < 2; half++) {
      x = (rot((x + y + v[0] + f64(s, p + 16)) & M, 37n) * k1) & M;
      y = (rot((y + v[1] + f64(s, p + 48)) & M, 42n) * k1) & M;
      x ^= w[1]; y ^= v[0];
      z = rot(z ^ w[0], 33n);
      v = weak32(s, p, (v[1] * k1) & M, (x + w[0]) & M);
      w = weak32(s, p + 32, (z + w[1]) & M, y);
      [z, x] = [x, z];
      p += 64;
    }
    len -= 128;
  } while (len >= 128);
  y = (y + rot(w[0], 37n) * k0 + z) & M;
  x = (x + rot((v[0] + z) & M, 49n) * k0) & M;
  for (let done = 0; done < len;) {
    done += 32;
    y = (rot((y - x) & M, 42n) * k0 + v[1]) & M;
    w[0] = (w[0] + f64(s, p + len - done + 16)) & M;
    x = (rot(x, 49n) * k0 + w[0]) & M;
    w[0] = (w[0] + v[0]) & M;
    v = weak32(s, p + len - done, v[0], v[1]);
  }
  x = hashLen16(x, v[0]); y = hashLen16(y, w[0]);
  return [(hashLen16((x + v[1]) & M, w[1]) + y) & M, hashLen16((x + w[1]) & M, (y + v[1]) & M)];
}
function cityHash128(s) {
  const len = s.length;
  if (len >= 16) return city128Seed(s, 16, len - 16, f64(s, 0) ^ k3, f64(s, 8));
  if (len >= 8) return city128Seed(s, 0, 0, f64(s, 0) ^ ((BigInt(len) * k0) & M), f64(s, len - 8) ^ k1);
  return city128Seed(s, 0, len, k0, k1);
}

function frameBlocks(data) {
  const blocks = [];
  for (let off = 0; off < data.length; off += 1 << 20) {
    const payload = data.subarray(off, Math.min(data.length, off + (1 << 20)));
    const block = Buffer.alloc(25 + payload.length);
    block[16] = 0x02;
    block.writeUInt32LE(9 + payload.length, 17);
    block.writeUInt32LE(payload.length, 21);
    payload.copy(block, 25);
    const [lo, hi] = cityHash128(block.subarray(16));
    block.writeBigUInt64LE(lo, 0);
    block.writeBigUInt64LE(hi, 8);
    blocks.push(block);
  }
  return Buffer.concat(blocks);
}

// The driver reads X-ClickHouse-Timezone for DateTime values without an explicit zone.
function commonHeaders(queryId, format) {
  return { 'X-ClickHouse-Server-Display-Name': os.hostname(), 'X-ClickHouse-Query-Id': queryId,
    'X-ClickHouse-Format': format, 'X-ClickHouse-Timezone': timezone, 'Keep-Alive': 'timeout=10' };
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const url = new URL(req.url, 'http://front');
    if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' }).end('Ok.\n');
      return;
    }
    if (url.pathname !== '/') { res.writeHead(404).end(); return; }
    let queryId = url.searchParams.get('query_id') || randomUUID();
    try {
      const r = await execute(url.searchParams, req.headers, Buffer.concat(chunks));
      queryId = r.queryId;
      const s = r.summary;
      // The server sends every summary value as a JSON string.
      const summary = Object.fromEntries(Object.entries({ ...s, total_rows_to_read: s.read_rows,
        elapsed_ns: process.hrtime.bigint() - r.start }).map(([k, v]) => [k, String(v)]));
      const compress = ['1', 'true'].includes(url.searchParams.get('compress'));
      const out = compress ? frameBlocks(r.bytes) : r.bytes;
      log(queryId, `done in ${summary.elapsed_ns / 1e6} ms, ${r.bytes.length} B out, written_rows=${s.written_rows}`);
      res.writeHead(200, { ...commonHeaders(queryId, r.format), 'X-ClickHouse-Summary': JSON.stringify(summary),
        'Content-Type': CONTENT_TYPES[r.format] ?? 'application/octet-stream',
        'Content-Length': out.length });
      res.end(out);
    } catch (e) {
      // Engine messages already read `Code: N. DB::Exception: ... (NAME)`, like a server's.
      const message = String(e?.message ?? e);
      const code = /^Code:\s*(\d+)/.exec(message)?.[1] ?? '1001';
      const text = (/^Code:/.test(message) ? message : `Code: ${code}. DB::Exception: ${message}`) + ` (version ${engineVersion})\n`;
      log(queryId, 'ERROR', text.slice(0, 300));
      res.writeHead(500, { ...commonHeaders(queryId, 'TabSeparated'), 'X-ClickHouse-Exception-Code': code,
        'Content-Type': 'text/plain; charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    }
  });
});
server.keepAliveTimeout = 10_000;
server.listen(port, host, () => console.log(`READY ${server.address().port}`));

// Stop accepting, let a request in flight finish and answer (closing the chdb connection
// under a running query aborts the engine), then close the session: it flushes and
// releases the data dir.
let stopping = false;
function shutdown() {
  if (stopping) return;
  stopping = true;
  const finish = () => serialized(async () => session.close()).then(() => process.exit(0));
  server.close(finish);
  setTimeout(() => server.closeAllConnections(), 10_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
