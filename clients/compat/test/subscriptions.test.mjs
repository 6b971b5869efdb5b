// graphql-ws (graphql-transport-ws) with the access token in connection_init, as browsers must send it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { newCustomerToken, post, wsUrl } from '../service.mjs';

test('graphql-ws: a signed-in customer follows their cart with the token in connection_init', async () => {
  const token = await newCustomerToken();
  const auth = { Authorization: `Bearer ${token}` };
  const created = await (await post({ query: 'mutation { cartCreate(input: { lines: [] }) { cart { id } } }' }, auth)).json();
  const cartId = created.data.cartCreate.cart.id;

  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: auth, retryAttempts: 0 });
  try {
    const received = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no cartUpdated event within 10 s')), 10_000);
      client.subscribe(
        { query: 'subscription Follow($id: ID!) { cartUpdated(cartId: $id) { id fulfilment { type } } }', variables: { id: cartId } },
        {
          next: (message) => { clearTimeout(timer); resolve(message); },
          error: (error) => { clearTimeout(timer); reject(error instanceof Error ? error : new Error(JSON.stringify(error))); },
          complete: () => {},
        },
      );
    });
    // The subscription is set up once the server acknowledged it; a short pause, then change the cart.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const changed = await (await post({
      query: 'mutation($id: ID!) { cartFulfilmentSet(input: { cartId: $id, type: SHIP }) { userErrors { code } } }',
      variables: { id: cartId },
    }, auth)).json();
    assert.deepEqual(changed.data.cartFulfilmentSet.userErrors, []);
    const message = await received;
    assert.equal(message.errors, undefined, JSON.stringify(message.errors));
    assert.equal(message.data.cartUpdated.id, cartId);
  } finally {
    await client.dispose();
  }
});
