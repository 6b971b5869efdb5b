// A storefront with urql and the web client's generated documents: the variables and the answer are typed from
// graphql-schema/operations/web/*.graphql, so a schema change that breaks the page fails `tsc` here.
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { AddToCartDocument, CartPageDocument, CreateCartDocument } from '../generated/web/graphql';

export function storefrontClient(endpoint: string, cartToken: () => string | null): Client {
  return new Client({
    url: endpoint,
    exchanges: [cacheExchange, fetchExchange],
    // GET for queries makes public pages cacheable by a CDN; mutations are always POST.
    preferGetMethod: 'within-url-limit',
    fetchOptions: () => {
      const token = cartToken();
      return { headers: { 'X-Channel': 'WEB', ...(token ? { 'X-Cart-Token': token } : {}) } };
    },
  });
}

/** "Add to cart": creates the cart the first time, adds to it afterwards. Returns the cart token to keep. */
export async function addToCart(client: Client, cart: { id: string; version: number } | null, variantId: string, quantity: number) {
  if (cart === null) {
    const created = await client.mutation(CreateCartDocument, { input: { lines: [{ variantId, quantity }] } }).toPromise();
    const payload = created.data?.cartCreate;
    return { errors: payload?.userErrors ?? [], cartToken: payload?.cartToken ?? null, cart: payload?.cart ?? null };
  }
  const added = await client
    .mutation(AddToCartDocument, { cartId: cart.id, expectedVersion: cart.version, lines: [{ variantId, quantity }] })
    .toPromise();
  const payload = added.data?.cartLinesAdd;
  // Error codes are a union of the schema's UserErrorCode values: a misspelt code does not compile.
  const changedElsewhere = payload?.userErrors.some((error) => error.code === 'CART_VERSION_CONFLICT') ?? false;
  return { errors: payload?.userErrors ?? [], cartToken: null, cart: payload?.cart ?? null, changedElsewhere };
}

/** The cart page's totals line: money amounts are decimal strings, never floats. */
export async function cartTotals(client: Client, cartId: string): Promise<string | null> {
  const result = await client.query(CartPageDocument, { id: cartId }).toPromise();
  const cart = result.data?.cart;
  if (!cart) {
    return null;
  }
  const amount: string = cart.subtotal.amount;
  const version: number = cart.version;
  return `${cart.itemCount} items, ${amount} ${cart.subtotal.currencyCode} (cart version ${version})`;
}
