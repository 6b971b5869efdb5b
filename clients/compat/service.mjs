// Where the service under test runs (scripts/client-compat.sh starts the packaged service and sets GRAPHQL_URL),
// and small helpers shared by the tests.
import { createHash, randomUUID } from 'node:crypto';

export const url = process.env.GRAPHQL_URL ?? 'http://127.0.0.1:8080/graphql';
export const wsUrl = url.replace(/^http/, 'ws');
export const allowedOrigin = process.env.COMPAT_ALLOWED_ORIGIN ?? 'http://localhost:5173';

export const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
export const unique = (prefix) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 12)}`;

export async function post(body, headers = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** A new customer, signed in: their access token. */
export async function newCustomerToken() {
  const response = await post({
    query: `mutation Register($input: CustomerRegisterInput!) {
      customerRegister(input: $input) { tokens { accessToken } userErrors { code message } } }`,
    variables: { input: { email: `${unique('compat')}@example.com`, password: 'Compat-client-2026', firstName: 'Compat', lastName: 'Client' } },
  });
  const json = await response.json();
  const tokens = json.data?.customerRegister?.tokens;
  if (!tokens) throw new Error(`registration failed: ${JSON.stringify(json)}`);
  return tokens.accessToken;
}
