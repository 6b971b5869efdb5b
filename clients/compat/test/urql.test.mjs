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
