// Runs the graphql-http server audit (GraphQL over HTTP conformance) against a running server.
// Usage: node audit.mjs [url]   (default http://localhost:8080/graphql, or GRAPHQL_URL)
// Prints every audit; exits 1 when a MUST or SHOULD audit fails (or a query chosen by operationName over GET is
// not answered), 2 when the server cannot be audited at all.
import { serverAudits } from 'graphql-http';

const url = process.argv[2] ?? process.env.GRAPHQL_URL ?? 'http://localhost:8080/graphql';
const audits = serverAudits({ url });

const counts = { MUST: { ok: 0, failed: 0 }, SHOULD: { ok: 0, failed: 0 }, MAY: { ok: 0, failed: 0 } };
const lines = [];
for (const audit of audits) {
  const level = audit.name.split(' ')[0];
  let result;
  try {
    result = await audit.fn();
  } catch (error) {
    console.error(`Could not audit ${url}: ${audit.name}: ${error?.message ?? error}`);
    process.exit(2);
  }
  const passed = result.status === 'ok';
  counts[level][passed ? 'ok' : 'failed']++;
  let detail = '';
  if (!passed) {
    let body = '';
    try {
      body = (await result.response.text()).slice(0, 300);
    } catch {
      // the body was read by the audit already
    }
    detail = `\n        ${result.reason}` + (body ? `\n        response ${result.response.status}: ${body}` : '');
  }
  lines.push({ level, text: `${passed ? 'ok  ' : 'FAIL'} [${audit.id}] ${audit.name}${detail}` });
}

for (const level of ['MUST', 'SHOULD', 'MAY']) {
  console.log(`\n${level}: ${counts[level].ok} passed, ${counts[level].failed} failed`);
  for (const line of lines.filter((l) => l.level === level)) {
    console.log('  ' + line.text);
  }
}
// The audits send GET without operationName; clients (urql, Apollo) always send it.
const document = '# two operations: the one named by operationName runs\nquery First { first: __typename }\nquery Second { second: __typename }';
const byName = await fetch(`${url}?query=${encodeURIComponent(document)}&operationName=Second`, {
  headers: { accept: 'application/graphql-response+json' },
});
const byNameBody = await byName.text();
const byNameOk = byName.status === 200 && JSON.parse(byNameBody)?.data?.second === 'Query';
console.log(`\nGET with operationName: ${byNameOk ? 'ok' : `FAIL (${byName.status}: ${byNameBody.slice(0, 300)})`}`);

if (counts.MUST.failed > 0 || counts.SHOULD.failed > 0 || !byNameOk) {
  console.error(`\n${counts.MUST.failed} MUST and ${counts.SHOULD.failed} SHOULD audit(s) failed against ${url}`);
  process.exit(1);
}
console.log(`\nNo MUST or SHOULD failures against ${url}`);
