// urql with its default exchanges: queries go over GET (preferGetMethod 'within-url-limit'), mutations over POST.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, cacheExchange, fetchExchange, gql } from '@urql/core';
import { url } from '../service.mjs';

function client(log) {
  return new Client({
    url,
    exchanges: [cacheExchange, fetchExchange],
    fetch: async (input, init = {}) => {
      log.push({ method: init.method ?? 'GET', url: String(input) });
      return fetch(input, init);
    },
  });
}

test('urql: a query with a leading comment and variables goes over GET', async () => {
  const log = [];
  const result = await client(log).query(gql`
    # Search: percent signs and pluses must arrive as typed.
    query CompatSearch($search: String) {
      products(first: 2, filter: { search: $search }) { edges { node { id name } } }
    }
  `, { search: '100% merino a+b' }).toPromise();
  assert.equal(result.error, undefined, String(result.error));
  assert.ok(Array.isArray(result.data.products.edges));
  assert.equal(log[0].method, 'GET');
});

test('urql: a mutation goes over POST', async () => {
  const log = [];
  const result = await client(log).mutation(gql`mutation CompatUrqlCart { cartCreate(input: { lines: [] }) { cartToken } }`, {}).toPromise();
  assert.equal(result.error, undefined, String(result.error));
  assert.ok(result.data.cartCreate.cartToken);
  assert.equal(log[0].method, 'POST');
});

test('urql: a query with an input object as a variable goes over GET and is read whole', async () => {
  const log = [];
  const query = gql`
    query CompatFilter($filter: ProductFilterInput) {
      products(first: 2, filter: $filter) { edges { node { id } } }
    }
  `;
  const found = await client(log).query(query, { filter: { search: 'merino', inStock: true, price: { min: '1.00', max: '99.99' } } })
    .toPromise();
  assert.equal(found.error, undefined, String(found.error));
  assert.deepEqual(found.data.products.edges, []);
  assert.equal(log[0].method, 'GET');

  // Each field of the variable is read: a malformed category id in it is refused, naming the field.
  const refused = await client(log).query(query, { filter: { search: 'merino', categoryId: 'not-an-id' } }).toPromise();
  assert.equal(refused.error?.graphQLErrors?.[0]?.extensions?.code, 'BAD_USER_INPUT', String(refused.error));
  assert.match(refused.error.graphQLErrors[0].message, /categoryId/);
  assert.equal(log[1].method, 'GET');
});
