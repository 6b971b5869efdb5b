// A mobile app's cart tab: resume the cart started on any device with myCart, then follow it live over the
// WebSocket (graphql-transport-ws) with the app's generated documents.
import { createClient } from 'graphql-ws';
import { print } from 'graphql';
import type { CartUpdatedSubscription, MyCartQuery } from '../generated/mobile/graphql';
import { CartUpdatedDocument, MyCartDocument } from '../generated/mobile/graphql';

export async function resumeCart(endpoint: string, accessToken: string): Promise<MyCartQuery['myCart']> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Channel': 'MOBILE', Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: print(MyCartDocument) }),
  });
  const body = (await response.json()) as { data?: MyCartQuery };
  return body.data?.myCart ?? null;
}

export function followCart(
  socketUrl: string,
  accessToken: string,
  cartId: string,
  onChange: (cart: NonNullable<CartUpdatedSubscription['cartUpdated']>) => void,
): () => void {
  const socket = createClient({ url: socketUrl, connectionParams: { Authorization: `Bearer ${accessToken}` } });
  return socket.subscribe<CartUpdatedSubscription>(
    { query: print(CartUpdatedDocument), variables: { cartId } },
    {
      next: (message) => {
        const cart = message.data?.cartUpdated;
        if (cart) {
          onChange(cart);
        }
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
}
