// graphql-request, the small fetch-based client, asking for application/graphql-response+json: the status codes
// GraphQL over HTTP specifies, request errors for values that are not of their variable's type, and errors whose
// extensions carry only the documented fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientError, GraphQLClient } from 'graphql-request';
import { url } from '../service.mjs';

const client = new GraphQLClient(url, { headers: { Accept: 'application/graphql-response+json' } });

const PRODUCTS = 'query Products($n: Int) { products(first: $n) { edges { cursor } } }';

/** The ClientError graphql-request throws for an answer with errors. */
async function failure(document, variables) {
  try {
    await client.rawRequest(document, variables);
  } catch (error) {
    assert.ok(error instanceof ClientError, `expected a ClientError, got ${error}`);
    return error.response;
  }
  assert.fail(`${document} with ${JSON.stringify(variables)} answered without errors`);
}

test('graphql-request: a query answers 200 with data', async () => {
  const answer = await client.rawRequest(PRODUCTS, { n: 1 });
  assert.equal(answer.status, 200);
  assert.ok(Array.isArray(answer.data.products.edges));
});

test('graphql-request: values that are not of the variable\'s type are request errors (400, no data, BAD_USER_INPUT)', async () => {
  for (const wrong of ['three', '5', 4.5, 4294967297, true]) {
    const response = await failure(PRODUCTS, { n: wrong });
    assert.equal(response.status, 400, `${JSON.stringify(wrong)} for an Int`);
    assert.equal(response.data, undefined);
    assert.equal(response.errors.length, 1);
    assert.deepEqual(response.errors[0].extensions, { code: 'BAD_USER_INPUT' });
  }
  const notBoolean = await failure('query Cats($all: Boolean) { categories { id } __typename @include(if: $all) }', { all: 1 });
  assert.equal(notBoolean.status, 400, '1 for a Boolean');
});

test('graphql-request: literals of another type are refused with 400 before anything runs', async () => {
  const response = await failure('{ products(first: 4294967297) { edges { cursor } } }');
  assert.equal(response.status, 400);
  assert.deepEqual(response.errors[0].extensions, { code: 'BAD_USER_INPUT' });
});

test('graphql-request: errors carry only their code, whatever the path', async () => {
  const validation = await failure('{ noSuchField }');
  assert.equal(validation.status, 400);
  assert.deepEqual(validation.errors[0].extensions, { code: 'GRAPHQL_VALIDATION_FAILED' });

  const execution = await failure('{ me { id } }');
  assert.equal(execution.status, 200, 'an error during execution still answers 200');
  assert.deepEqual(execution.errors[0].extensions, { code: 'UNAUTHENTICATED' });
});
