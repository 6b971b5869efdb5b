// Plain fetch as GraphQL over HTTP specifies it, Apollo Kotlin's default (hash-only GET, then POST with the
// document), CORS from a browser origin, gzip, ETag/304 and no-store on private answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedOrigin, post, sha256, unique, url } from '../service.mjs';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

async function graphqlResponse(body) {
  return post(body, { Accept: GRAPHQL_RESPONSE });
}

test('fetch with Accept application/graphql-response+json: status codes as GraphQL over HTTP says', async () => {
  const ok = await graphqlResponse({ query: '{ __typename }' });
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get('content-type'), /^application\/graphql-response\+json/);

  const parseError = await graphqlResponse({ query: '{ __typename ' });
  assert.equal(parseError.status, 400);
  const validationError = await graphqlResponse({ query: '{ noSuchField }' });
  assert.equal(validationError.status, 400);
  const missingVariable = await graphqlResponse({ query: 'query($n: Int!) { products(first: $n) { edges { cursor } } }', variables: {} });
  assert.equal(missingVariable.status, 400);
  const variableError = await graphqlResponse({ query: 'query($n: Int!) { products(first: $n) { edges { cursor } } }', variables: { n: 'three' } });
  assert.equal(variableError.status, 400, 'a string for an Int variable is a request error');
  const variableJson = await variableError.json();
  assert.equal(variableJson.data, undefined);
  assert.deepEqual(variableJson.errors[0].extensions, { code: 'BAD_USER_INPUT' });
  const notJson = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: GRAPHQL_RESPONSE }, body: '{' });
  assert.equal(notJson.status, 400);

  const mutationOverGet = await fetch(`${url}?query=${encodeURIComponent('mutation { cartCreate(input: { lines: [] }) { cartToken } }')}`,
    { headers: { Accept: GRAPHQL_RESPONSE } });
  assert.equal(mutationOverGet.status, 405);

  const fieldError = await graphqlResponse({ query: '{ me { id } }' });
  assert.equal(fieldError.status, 200, 'an error during execution still answers 200 with the partial result');
  const json = await fieldError.json();
  assert.equal(json.errors[0].extensions.code, 'UNAUTHENTICATED');
});

test('apollo kotlin default: a hash-only GET, then a POST with the document, then GET by hash', async () => {
  const name = unique('CompatKotlin');
  const document = `query ${name} {\n  categories {\n    id\n  }\n}`;
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(document) } });
  const byHash = () => fetch(`${url}?operationName=${name}&variables=%7B%7D&extensions=${encodeURIComponent(extensions)}`,
    { headers: { Accept: 'multipart/mixed;deferSpec=20220824, application/json', 'X-APOLLO-OPERATION-NAME': name } });

  const unknown = await (await byHash()).json();
  assert.equal(unknown.errors[0].message, 'PersistedQueryNotFound');
  assert.equal(unknown.errors[0].extensions.code, 'PERSISTED_QUERY_NOT_FOUND');

  const registered = await (await post({ operationName: name, query: document, variables: {}, extensions: JSON.parse(extensions) })).json();
  assert.ok(Array.isArray(registered.data.categories), JSON.stringify(registered));

  let known;
  for (let attempt = 0; attempt < 20 && !known?.data; attempt++) {
    // Registration does not hold up the answer: it may take a moment to appear.
    known = await (await byHash()).json();
    if (!known.data) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(Array.isArray(known.data.categories), JSON.stringify(known));
});

test('cors: a preflight and a request from an allowed origin are allowed', async () => {
  const preflight = await fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: allowedOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-cart-token,apollographql-client-name' },
  });
  assert.equal(preflight.status, 200);
  assert.equal(preflight.headers.get('access-control-allow-origin'), allowedOrigin);
  assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
  assert.match(preflight.headers.get('access-control-allow-headers').toLowerCase(), /x-cart-token/);

  const request = await post({ query: '{ __typename }' }, { Origin: allowedOrigin });
  assert.equal(request.status, 200);
  assert.equal(request.headers.get('access-control-allow-origin'), allowedOrigin);
});

test('cors: another origin is refused', async () => {
  const preflight = await fetch(url, { method: 'OPTIONS', headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'POST' } });
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  const request = await post({ query: '{ __typename }' }, { Origin: 'https://elsewhere.example' });
  assert.equal(request.headers.get('access-control-allow-origin'), null);
});

test('gzip: larger answers are compressed for clients that accept it', async () => {
  // Node's fetch sends Accept-Encoding gzip and unzips; the header shows what was sent.
  const response = await post({ query: '{ __schema { types { name description } } }' });
  assert.equal(response.headers.get('content-encoding'), 'gzip');
  const json = await response.json();
  assert.ok(json.data.__schema.types.length > 10);
});

test('etag: a public catalog answer over GET revalidates to 304', async () => {
  const query = encodeURIComponent('query CompatEtag { categories { id slug } }');
  let revalidated;
  let etag;
  for (let attempt = 0; attempt < 5 && revalidated?.status !== 304; attempt++) {
    const first = await fetch(`${url}?query=${query}`);
    assert.equal(first.status, 200);
    assert.match(first.headers.get('cache-control'), /^public, max-age=\d+, stale-while-revalidate=\d+$/);
    etag = first.headers.get('etag');
    assert.match(etag, /^"[0-9a-f]+"$/);
    revalidated = await fetch(`${url}?query=${query}`, { headers: { 'If-None-Match': etag } });
  }
  assert.equal(revalidated.status, 304);
});

test('no-store: private answers are never cached', async () => {
  const cart = await (await post({ query: 'mutation { cartCreate(input: { lines: [] }) { cartToken } }' })).json();
  const withCartToken = await fetch(`${url}?query=${encodeURIComponent('{ categories { id } }')}`, { headers: { 'X-Cart-Token': cart.data.cartCreate.cartToken } });
  assert.equal(withCartToken.headers.get('cache-control'), 'no-store');
  const mutation = await post({ query: 'mutation { cartCreate(input: { lines: [] }) { cartToken } }' });
  assert.equal(mutation.headers.get('cache-control'), 'no-store');
  assert.equal(mutation.headers.get('x-content-type-options'), 'nosniff');
});
