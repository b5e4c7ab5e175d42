/**
 * Logging that stays bounded whatever clients or outages do: {@link com.chatrelay.logging.QuietLog}.
 * Plain Java and Commons Logging only; every feature package may use it.
 */
package com.chatrelay.logging;
