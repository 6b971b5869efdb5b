/**
 * Read-only reporting across domains: channel insights and the customer 360 ({@code insights}) and recommendations
 * ({@code recommendation}). Only this package may read the tables of other domains directly, with set-based SQL
 * that no single domain's service could answer; it never writes them. The tables it writes are its own
 * ({@code cart_activity}).
 */
package com.omnichannel.gateway.reporting;
