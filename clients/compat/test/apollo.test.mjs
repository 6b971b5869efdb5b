// Apollo Client (current major) as web teams set it up: POST, GET for queries, automatic persisted queries over
// POST and GET, the normalized cache with the README's type policies, errors with extensions.code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { newCustomerToken, sha256, unique, url } from '../service.mjs';

/** Every request the links send, as fetch saw it. */
function recordingFetch(log) {
  return async (input, init = {}) => {
    log.push({ method: init.method ?? 'GET', url: String(input), body: init.body });
    return fetch(input, init);
  };
}

// The type policies the README documents for Apollo's normalized cache.
const typePolicies = {
  Money: { keyFields: false },
  PageInfo: { keyFields: false },
};

/** Registration does not hold up the answer that carried the document: it shows a moment later. */
const registered = () => new Promise((resolve) => setTimeout(resolve, 500));

function client({ useGETForQueries = false, persisted = null, log = [] } = {}) {
  const http = new HttpLink({ uri: url, fetch: recordingFetch(log), useGETForQueries });
  const link = persisted ? ApolloLink.from([new PersistedQueryLink({ sha256, ...persisted }), http]) : http;
  return new ApolloClient({ link, cache: new InMemoryCache({ typePolicies }) });
}

const CATEGORIES = gql`
  # The navigation: every client operation file starts with a comment like this one.
  query CompatCategories {
    categories { id slug name }
  }
`;

test('apollo: a query over POST', async () => {
  const log = [];
  const result = await client({ log }).query({ query: CATEGORIES });
  assert.ok(Array.isArray(result.data.categories));
  assert.equal(log[0].method, 'POST');
});

test('apollo: a query over GET (useGETForQueries)', async () => {
  const log = [];
  const result = await client({ useGETForQueries: true, log }).query({ query: CATEGORIES });
  assert.ok(Array.isArray(result.data.categories));
  assert.equal(log[0].method, 'GET');
  assert.match(log[0].url, /operationName=CompatCategories/);
});

test('apollo: a mutation over POST', async () => {
  const result = await client().mutate({
    mutation: gql`mutation CompatCartCreate { cartCreate(input: { lines: [] }) { cart { id } cartToken userErrors { code } } }`,
  });
  assert.ok(result.data.cartCreate.cartToken);
  assert.ok(result.data.cartCreate.cart.id);
});

test('apollo: automatic persisted queries over POST (hash first, then the document once)', async () => {
  const name = unique('CompatApqPost');
  // A field the cache cannot answer by itself (it knows Query.__typename without asking).
  const query = gql(`query ${name} { categories { id } }`);
  const firstLog = [];
  const first = await client({ persisted: {}, log: firstLog }).query({ query });
  assert.ok(Array.isArray(first.data.categories));
  assert.equal(firstLog.length, 2, 'an unknown hash, then the document');
  assert.ok(!JSON.parse(firstLog[0].body).query);
  await registered();
  const secondLog = [];
  await client({ persisted: {}, log: secondLog }).query({ query });
  assert.equal(secondLog.length, 1, 'the registered hash alone');
  assert.ok(!JSON.parse(secondLog[0].body).query);
});

test('apollo: automatic persisted queries with useGETForHashedQueries', async () => {
  const name = unique('CompatApqGet');
  const query = gql(`query ${name} { categories { id } }`);
  const firstLog = [];
  const first = await client({ persisted: { useGETForHashedQueries: true }, log: firstLog }).query({ query });
  assert.ok(Array.isArray(first.data.categories));
  assert.equal(firstLog[0].method, 'GET');
  await registered();
  const secondLog = [];
  const second = await client({ persisted: { useGETForHashedQueries: true }, log: secondLog }).query({ query });
  assert.ok(Array.isArray(second.data.categories));
  assert.equal(secondLog.length, 1);
  assert.equal(secondLog[0].method, 'GET');
  assert.doesNotMatch(secondLog[0].url, /[?&]query=/);
});

test('apollo: the normalized cache keeps objects by id with only the documented type policies', async () => {
  const apollo = client();
  const created = await apollo.mutate({
    mutation: gql`mutation CompatCachedCart { cartCreate(input: { lines: [] }) { cart { id version subtotal { amount currencyCode } } } }`,
  });
  const id = created.data.cartCreate.cart.id;
  const cached = apollo.cache.extract();
  assert.ok(cached[`Cart:${id}`], 'the cart is normalized under its id');
  assert.deepEqual(Object.keys(cached).filter((key) => key.startsWith('Money')), [], 'Money stays embedded');
});

test('apollo: errors carry extensions.code', async () => {
  await assert.rejects(
    client().query({ query: gql`query CompatMe { me { id } }` }),
    (error) => {
      const errors = error.errors ?? error.graphQLErrors ?? [];
      assert.ok(errors.length > 0, String(error));
      assert.equal(errors[0].extensions.code, 'UNAUTHENTICATED');
      return true;
    },
  );
});

test('apollo: a mutation with an input object in variables is answered with what was sent', async () => {
  const token = await newCustomerToken();
  const link = new HttpLink({ uri: url, headers: { Authorization: `Bearer ${token}` } });
  const signedIn = new ApolloClient({ link, cache: new InMemoryCache({ typePolicies }) });
  const mutation = gql`
    mutation CompatAddressCreate($input: CustomerAddressCreateInput!) {
      customerAddressCreate(input: $input) {
        address { firstName lastName line1 line2 city postalCode countryCode region company phone defaultShipping }
        userErrors { code field message }
      }
    }
  `;
  const input = {
    firstName: 'Zoë', lastName: 'O\'Brien "Jr"', line1: 'Rosenthaler Straße 40\\41', line2: null, city: 'Berlin',
    postalCode: '10178', countryCode: 'DE', region: 'Berlin', company: 'Compat GmbH', phone: '+49 30 1234567',
    defaultShipping: true,
  };
  const result = await signedIn.mutate({ mutation, variables: { input } });
  assert.deepEqual(result.data.customerAddressCreate.userErrors, []);
  const { __typename, ...address } = result.data.customerAddressCreate.address;
  assert.deepEqual(address, input);

  // A required field sent empty: refused where the client sent it, nothing created.
  const refused = await signedIn.mutate({ mutation, variables: { input: { ...input, city: '' } } });
  assert.equal(refused.data.customerAddressCreate.address, null);
  assert.deepEqual(refused.data.customerAddressCreate.userErrors.map((e) => e.field), [['input', 'city']]);
});
