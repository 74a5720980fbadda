// audit.mjs runs graphql-http's GraphQL-over-HTTP server audit against a
// live endpoint and prints every result. It exits 1 when any MUST audit
// fails (status "error") or any SHOULD audit warns ("warn"), so that
// conformance_test.go fails with this output: real clients rely on the
// SHOULDs too (Apollo shows "Received status code 422" instead of the
// GraphQL error when a validation error is not 200 in application/json).
// MAY findings ("notice") are printed but do not fail the run.
//
//	node test/conformance/audit.mjs http://127.0.0.1:8080/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}

const results = await auditServer({ url });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const r of results) {
  counts[r.status]++;
  const label = { ok: 'ok   ', notice: 'NOTE ', warn: 'WARN ', error: 'FAIL ' }[r.status];
  let line = `${label} ${r.id} ${r.name}`;
  if (r.status !== 'ok') {
    line += `\n        ${r.reason}`;
    if (r.response) {
      // Show what the server answered, so a failure can be fixed from the
      // test log alone.
      let body = '';
      try {
        body = await r.response.text();
      } catch {
        // The audit may already have read the body.
      }
      line += `\n        -> ${r.response.status} ${r.response.headers.get('content-type') ?? ''} ${body.slice(0, 300)}`;
    }
  }
  console.log(line);
}
console.log(
  `\n${results.length} audits: ${counts.ok} ok, ${counts.error} MUST failed, ` +
    `${counts.warn} SHOULD warnings, ${counts.notice} notices`,
);
process.exit(counts.error > 0 || counts.warn > 0 ? 1 : 0);
