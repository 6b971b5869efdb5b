/**
 * The systems around the shop sending data in: a store's POS records over-the-counter sales here (an order picked up
 * at once, stock taken from the store, loyalty earned). Stock counts from a POS or WMS are inventory's
 * (inventorySetQuantities).
 */
package com.omnichannel.gateway.integration;
