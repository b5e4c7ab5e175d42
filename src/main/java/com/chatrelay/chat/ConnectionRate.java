package com.chatrelay.chat;

import java.util.List;

/**
 * New connections per client address ({@link ClientAddress}): a token bucket of {@code burst}
 * connections refilled at {@code perSecond}. While it is on, the sessions of one address also
 * share their send-rate budget across reconnects ({@link LineBudgets}).
 *
 * @param enabled whether either applies
 * @param perSecond steady rate of new connections per address
 * @param burst connections an address may open at once (a NAT'd office after a restart)
 * @param exempt addresses and blocks neither applies to (trusted proxies, monitoring)
 * @param trackedAddresses addresses remembered at once, at most, by each of the two: past it the
 * one seen longest ago is forgotten, so a spray from many addresses cannot grow memory
 */
public record ConnectionRate(boolean enabled, double perSecond, int burst, List<AddressRange> exempt,
		int trackedAddresses) {

	/** Nothing limited: as before there was a limit. */
	public static final ConnectionRate OFF = new ConnectionRate(false, 1, 1, List.of(), 1);

	public ConnectionRate {
		exempt = List.copyOf(exempt);
	}

	/** Whether this address is limited at all. */
	boolean limits(ClientAddress address) {
		return this.enabled && !address.in(this.exempt);
	}

}
